package dev.lanes.internal.fleet;

import static dev.lanes.internal.fleet.FleetFixture.INTERVAL;
import static dev.lanes.internal.fleet.FleetFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FleetViewTest {

  private static final String TOPIC = "lanes.fleet";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final FleetCodec codec = new FleetCodec();
  private final FleetView view =
      new FleetView(consumer, TOPIC, Clock.fixed(START.plusSeconds(1), ZoneOffset.UTC));
  private final Logger viewLog = (Logger) LoggerFactory.getLogger(FleetView.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final long[] offsets = new long[2];

  @BeforeEach
  void assignTheTopic() {
    logged.start();
    viewLog.addAppender(logged);
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        TOPIC,
        List.of(
            new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
            new PartitionInfo(TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    view.assignAll();
  }

  @AfterEach
  void releaseLogs() {
    viewLog.detachAppender(logged);
  }

  @Test
  void assignsEveryPartitionOfTheTopicWithoutAGroup() {
    assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
    assertThat(consumer.subscription()).isEmpty();
  }

  @Test
  void untilItHasReadTheTopicAsItWasTheViewDoesNotClaimToKnowWhoIsAlive() {
    MockConsumer<byte[], byte[]> loading = new MockConsumer<>("earliest");
    loading.updatePartitions(TOPIC, consumer.partitionsFor(TOPIC));
    loading.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    loading.updateEndOffsets(Map.of(P0, 2L, P1, 0L));
    FleetView starting =
        new FleetView(loading, TOPIC, Clock.fixed(START.plusSeconds(1), ZoneOffset.UTC));
    starting.assignAll();
    loading.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, FleetCodec.key("a"), report("a", START)));

    starting.pollOnce();
    assertThat(starting.get()).as("one of two records read").isNull();

    loading.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, FleetCodec.key("b"), report("b", START)));
    starting.pollOnce();
    assertThat(starting.get())
        .extracting(WorkerReport::workerId)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void keepsTheLatestReportOfEachWorker() {
    add(0, "a", report("a", START));
    add(1, "b", report("b", START));
    add(0, "a", report("a", START.plusSeconds(1)));

    view.pollOnce();

    assertThat(view.liveWorkers(START.plusSeconds(1)))
        .extracting(WorkerReport::workerId, WorkerReport::updatedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", START.plusSeconds(1)),
            org.assertj.core.groups.Tuple.tuple("b", START));
  }

  @Test
  void aTombstoneRemovesItsWorker() {
    add(0, "a", report("a", START));
    add(1, "b", report("b", START));
    view.pollOnce();

    add(0, "a", null);
    view.pollOnce();

    assertThat(view.get()).extracting(WorkerReport::workerId).containsExactly("b");
  }

  @Test
  void aMalformedRecordIsLoggedWithItsOffsetAndTheViewGoesOn() {
    add(0, "a", "{\"not\": \"a report\"}".getBytes(StandardCharsets.UTF_8));
    add(0, null, report("x", START));
    add(0, "someone-else", report("c", START));
    add(0, "b", report("b", START));

    view.pollOnce();

    assertThat(view.get()).extracting(WorkerReport::workerId).containsExactly("b");
    List<String> warnings = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(0)).contains("partition=0 offset=0");
    assertThat(warnings.get(1)).contains("offset=1").contains("no key");
    assertThat(warnings.get(2)).contains("offset=2").contains("'someone-else'");
  }

  @Test
  void aWorkerIsLiveForThreeIntervalsAfterItsLastReport() {
    add(0, "a", report("a", START));
    view.pollOnce();
    Instant lastLiveMoment = START.plus(INTERVAL.multipliedBy(WorkerReport.GONE_AFTER_INTERVALS));

    assertThat(view.liveWorkers(lastLiveMoment)).hasSize(1);
    assertThat(view.liveWorkers(lastLiveMoment.plusMillis(1))).isEmpty();
  }

  private void add(int partition, String key, byte[] value) {
    consumer.addRecord(
        new ConsumerRecord<>(
            TOPIC,
            partition,
            offsets[partition]++,
            key == null ? null : FleetCodec.key(key),
            value));
  }

  private byte[] report(String worker, Instant updatedAt) {
    return codec.encode(
        new WorkerReport(
            worker, "host", null, "dev", START, updatedAt, INTERVAL, List.of(), List.of()));
  }
}
