package dev.lanes.app.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BoundedScanTest {

  private static final String TOPIC = "tasks.payments.dlt";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final List<Long> read = new ArrayList<>();

  @Test
  void readsToTheEndOffsetsOfTheStartAndNotWhatArrivesLater() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 2L, P1, 0L));
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(P0, 0));
          consumer.addRecord(record(P0, 1));
          // Written while the scan runs: past the end it started with.
          consumer.addRecord(record(P0, 2));
          consumer.updateEndOffsets(Map.of(P0, 3L));
        });

    new BoundedScan(consumer, Duration.ofSeconds(5))
        .readAll(List.of(P0, P1), r -> read.add(r.offset()));

    assertThat(read).containsExactly(0L, 1L);
  }

  @Test
  void emptyPartitionsNeedNoPoll() {
    consumer.updateBeginningOffsets(Map.of(P0, 5L));
    consumer.updateEndOffsets(Map.of(P0, 5L));

    new BoundedScan(consumer, Duration.ofSeconds(5))
        .readAll(List.of(P0), r -> read.add(r.offset()));

    assertThat(read).isEmpty();
  }

  @Test
  void aScanThatStopsAdvancingFailsNamingWhatIsUnread() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, 1L));

    assertThatThrownBy(
            () ->
                new BoundedScan(consumer, Duration.ofMillis(300))
                    .readAll(List.of(P0), r -> read.add(r.offset())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "reading stopped advancing for PT0.3S before the end offsets {"
                + P0
                + "=1}; still unread: ["
                + P0
                + "]");
  }

  private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset) {
    return new ConsumerRecord<>(
        partition.topic(), partition.partition(), offset, new byte[0], new byte[] {1});
  }
}
