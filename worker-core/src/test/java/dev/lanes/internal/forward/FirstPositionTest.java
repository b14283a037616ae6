package dev.lanes.internal.forward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesHeaders;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FirstPositionTest {

  private final HeaderTrust trust = new HeaderTrust(List.of("tasks.a.retry.1"));

  @Test
  void aMainTopicRecordIsItsOwnFirstPositionWhateverItsHeadersSay() {
    ConsumerRecord<byte[], byte[]> record = record("tasks.a", 2, 17);
    withOrigin(record, "tasks.forged", "5", "99");

    assertThat(FirstPosition.of(record, trust)).isEqualTo(new FirstPosition("tasks.a", 2, 17));
  }

  @Test
  void aRetryRecordsFirstPositionIsTheOneItsOriginHeadersName() {
    ConsumerRecord<byte[], byte[]> record = record("tasks.a.retry.1", 2, 3);
    withOrigin(record, "tasks.a", "2", "17");

    assertThat(FirstPosition.of(record, trust)).isEqualTo(new FirstPosition("tasks.a", 2, 17));
  }

  @Test
  void aRetryRecordWithoutUsableOriginHeadersFallsBackToItsOwnPosition() {
    ConsumerRecord<byte[], byte[]> missing = record("tasks.a.retry.1", 1, 8);
    ConsumerRecord<byte[], byte[]> garbled = record("tasks.a.retry.1", 1, 8);
    withOrigin(garbled, "tasks.a", "x", "17");

    assertThat(FirstPosition.of(missing, trust))
        .isEqualTo(new FirstPosition("tasks.a.retry.1", 1, 8));
    assertThat(FirstPosition.of(garbled, trust))
        .isEqualTo(new FirstPosition("tasks.a.retry.1", 1, 8));
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset) {
    return new ConsumerRecord<>(topic, partition, offset, null, new byte[0]);
  }

  private static void withOrigin(
      ConsumerRecord<byte[], byte[]> record, String topic, String partition, String offset) {
    record.headers().add(LanesHeaders.ORIGINAL_TOPIC, topic.getBytes(UTF_8));
    record.headers().add(LanesHeaders.ORIGINAL_PARTITION, partition.getBytes(UTF_8));
    record.headers().add(LanesHeaders.ORIGINAL_OFFSET, offset.getBytes(UTF_8));
  }
}
