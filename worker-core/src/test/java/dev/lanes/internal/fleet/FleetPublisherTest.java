package dev.lanes.internal.fleet;

import static dev.lanes.internal.fleet.FleetFixture.INTERVAL;
import static dev.lanes.internal.fleet.FleetFixture.START;
import static dev.lanes.internal.fleet.FleetFixture.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.BreakerState;
import dev.lanes.DependencyHealth;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.DependencyView;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.internal.poll.PartitionSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FleetPublisherTest {

  private static final String TOPIC = "lanes.fleet";

  private final FleetFixture fixture = new FleetFixture();
  private final FleetCodec codec = new FleetCodec();
  private final Logger failureLog = (Logger) LoggerFactory.getLogger(FailureLog.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logged.start();
    failureLog.addAppender(logged);
  }

  @AfterEach
  void releaseLogs() {
    failureLog.detachAppender(logged);
  }

  @Test
  void publishesAReportAtStartAndThenOncePerInterval() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);

    publisher.tick();
    fixture.advance(Duration.ofSeconds(1));
    publisher.tick();
    fixture.advance(INTERVAL.minusSeconds(1).minusMillis(1));
    publisher.tick();
    assertThat(producer.history()).hasSize(1);

    fixture.advance(Duration.ofMillis(1));
    publisher.tick();

    assertThat(producer.history()).hasSize(2);
    assertThat(producer.history())
        .allSatisfy(
            record -> {
              assertThat(record.topic()).isEqualTo(TOPIC);
              assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(WORKER);
            });
  }

  @Test
  void theReportCarriesTheLanesPartitionsPausesFiguresAndDependencies() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);
    publisher.tick();
    fixture.partitions =
        new PartitionSnapshot(
            List.of("tasks.realtime-0", "tasks.realtime.retry.1-0"),
            List.of(
                PausedPartition.onDependency("tasks.realtime-0", "payments"),
                new PausedPartition("tasks.realtime.retry.1-0", PausedPartition.RETRY_DUE, null)));
    fixture.dependencies =
        List.of(new DependencyHealth("payments", BreakerState.OPEN, START.plusSeconds(3), 1));
    fixture.finished.set(100);
    fixture.advance(INTERVAL);

    publisher.tick();

    WorkerReport report = lastReport(producer);
    assertThat(report.workerId()).isEqualTo(WORKER);
    assertThat(report.host()).isEqualTo("host-a");
    assertThat(report.zone()).isEqualTo("zone-b");
    assertThat(report.version()).isEqualTo("1.2.3");
    assertThat(report.startedAt()).isEqualTo(START);
    assertThat(report.updatedAt()).isEqualTo(START.plus(INTERVAL));
    assertThat(report.interval()).isEqualTo(INTERVAL);
    LaneReport lane = report.lane("realtime");
    assertThat(lane.group()).isEqualTo("lanes-realtime");
    assertThat(lane.partitions()).containsExactly("tasks.realtime-0", "tasks.realtime.retry.1-0");
    assertThat(lane.inFlight()).isEqualTo(7);
    assertThat(lane.lag()).isEqualTo(40);
    assertThat(lane.lagExcludingPaused()).isEqualTo(30);
    // 100 tasks over the 5 s since the previous report.
    assertThat(lane.tasksPerSecond()).isEqualTo(20.0);
    assertThat(lane.paused()).isEqualTo(fixture.partitions.paused());
    assertThat(report.waitsOn("payments")).isTrue();
    assertThat(report.dependencies())
        .containsExactly(new DependencyView("payments", "OPEN", START.plusSeconds(3), 1, true));
  }

  @Test
  void aTransitionIsPublishedSoonAndABurstOfThemMakesOneReport() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);
    publisher.tick();

    fixture.advance(Duration.ofMillis(50));
    fixture.partitions = new PartitionSnapshot(List.of("tasks.realtime-0"), List.of());
    publisher.tick();
    fixture.advance(Duration.ofMillis(100));
    fixture.dependencies =
        List.of(new DependencyHealth("payments", BreakerState.OPEN, START.plusMillis(150), 0));
    publisher.publishSoon();
    publisher.tick();
    assertThat(producer.history()).as("within 200 ms of the last report").hasSize(1);

    fixture.advance(Duration.ofMillis(50));
    publisher.tick();
    fixture.advance(Duration.ofMillis(10));
    publisher.tick();

    assertThat(producer.history()).hasSize(2);
    WorkerReport report = lastReport(producer);
    assertThat(report.lane("realtime").partitions()).containsExactly("tasks.realtime-0");
    assertThat(report.dependencies().get(0).state()).isEqualTo("OPEN");
  }

  @Test
  void pausesForBackpressureWaitForTheInterval() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);
    publisher.tick();

    fixture.partitions =
        new PartitionSnapshot(
            fixture.partitions.owned(),
            List.of(new PausedPartition("tasks.realtime-1", PausedPartition.BACKPRESSURE, null)));
    fixture.advance(Duration.ofSeconds(1));
    publisher.tick();

    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void aPartitionPausedOnADependencyIsATransition() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);
    publisher.tick();

    fixture.partitions =
        new PartitionSnapshot(
            fixture.partitions.owned(),
            List.of(PausedPartition.onDependency("tasks.realtime-1", "payments")));
    fixture.advance(Duration.ofSeconds(1));
    publisher.tick();

    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void closeLeavesATombstoneForTheWorker() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);
    publisher.tick();

    publisher.close();

    ProducerRecord<byte[], byte[]> last = producer.history().get(producer.history().size() - 1);
    assertThat(new String(last.key(), StandardCharsets.UTF_8)).isEqualTo(WORKER);
    assertThat(last.value()).isNull();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void haltLeavesNoTombstone() {
    MockProducer<byte[], byte[]> producer = producer(true);
    FleetPublisher publisher = publisher(producer);
    publisher.tick();

    publisher.halt();

    assertThat(producer.history()).hasSize(1);
    assertThat(producer.history().get(0).value()).isNotNull();
  }

  @Test
  void failedSendsAreLoggedOnceUntilOneSucceedsAgain() {
    MockProducer<byte[], byte[]> producer = producer(false);
    FleetPublisher publisher = publisher(producer);

    publisher.tick();
    producer.errorNext(new TimeoutException("Topic lanes.fleet not present in metadata"));
    fixture.advance(INTERVAL);
    publisher.tick();
    producer.errorNext(new TimeoutException("Topic lanes.fleet not present in metadata"));
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0).getFormattedMessage())
        .contains("this worker is not in lanes status")
        .contains("topic=lanes.fleet")
        .contains("not present in metadata");

    fixture.advance(INTERVAL);
    publisher.tick();
    producer.completeNext();
    fixture.advance(INTERVAL);
    publisher.tick();
    producer.errorNext(new TimeoutException("broker gone"));

    assertThat(warnings()).hasSize(2);
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(message -> message.contains("available again"));
  }

  private List<ILoggingEvent> warnings() {
    return logged.list.stream()
        .filter(event -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
        .toList();
  }

  private WorkerReport lastReport(MockProducer<byte[], byte[]> producer) {
    List<ProducerRecord<byte[], byte[]>> history = producer.history();
    return codec.decodeWorker(history.get(history.size() - 1).value());
  }

  private FleetPublisher publisher(MockProducer<byte[], byte[]> producer) {
    return new FleetPublisher(producer, TOPIC, WORKER, fixture.reports(), fixture.clock, INTERVAL);
  }

  private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
