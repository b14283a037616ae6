package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FleetBreakersTest {

  private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");
  private static final TopicPartition BOARD = new TopicPartition(TopicNames.DEPENDENCIES, 0);
  private static final String SELF = "w-self";

  private final FleetCodec codec = new FleetCodec();
  private final AtomicBoolean brokerAway = new AtomicBoolean();
  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>("earliest") {
        @Override
        public Map<TopicPartition, Long> endOffsets(
            Collection<TopicPartition> partitions, Duration timeout) {
          if (brokerAway.get()) {
            throw new TimeoutException("no broker answered");
          }
          return super.endOffsets(partitions, timeout);
        }
      };
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final AtomicLong millis = new AtomicLong(STARTED.toEpochMilli());
  private final AtomicLong nanos = new AtomicLong();
  private final List<WorkerReport> live = new ArrayList<>();
  // While set, the fleet view says it does not know yet who is alive (still loading).
  private boolean viewLoading;
  private final AtomicInteger calls = new AtomicInteger();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> loggers =
      List.of(
          (Logger) LoggerFactory.getLogger(FleetBreakers.class),
          (Logger) LoggerFactory.getLogger(FleetBreakerRecords.class));
  private DependencyRegistry registry;
  private FleetBreakers board;
  private long nextOffset;

  @BeforeEach
  void captureLogs() {
    logged.start();
    loggers.forEach(logger -> logger.addAppender(logged));
  }

  @AfterEach
  void close() {
    loggers.forEach(logger -> logger.detachAppender(logged));
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void ourBreakerOpeningOnItsOwnFailuresIsPublishedOnce() throws Exception {
    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    assertThatThrownBy(() -> api.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class);
    assertThatThrownBy(() -> api.call(this::succeeding))
        .isInstanceOf(DependencyUnavailableException.class);
    board.pollOnce();
    board.pollOnce();

    assertThat(published()).hasSize(1);
    DependencyReport open = published().get(0);
    assertThat(open.state()).isEqualTo(DependencyReport.OPEN);
    assertThat(open.by()).isEqualTo(SELF);
    assertThat(open.until()).isEqualTo(STARTED.plus(Duration.ofMinutes(1)));
    assertThat(open.reason()).contains("IOException").contains("connection refused");
    assertThat(producer.history().get(0).key()).isEqualTo("api".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anotherWorkersOpenOpensOursWithoutACallAndIsNotPublishedAgain() throws Exception {
    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    arrive(open("api", "w-other"));
    board.pollOnce();

    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
    assertThatThrownBy(() -> api.call(this::succeeding))
        .isInstanceOf(DependencyUnavailableException.class);
    assertThat(calls).as("an open breaker makes no call").hasValue(0);
    board.pollOnce();
    assertThat(producer.history()).as("no echo").isEmpty();
  }

  @Test
  void anotherWorkersClosedClosesOursAndIsNotPublishedAgain() {
    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");
    arrive(open("api", "w-other"));
    board.pollOnce();

    arrive(report("api", DependencyReport.CLOSED, null, "w-other"));
    board.pollOnce();
    board.pollOnce();

    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void ourOwnRecordsReadBackChangeNothing() throws Exception {
    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");
    arrive(open("api", SELF));
    board.pollOnce();

    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void aWorkerThatIsNotTheProberStaysOpenPastItsDelay() {
    live.add(ProberChoiceTest.worker("w-older", STARTED.minusSeconds(60), true));
    DependencyRegistry dependencies = start(Duration.ofMillis(1));
    GuardedDependency api = dependencies.get("api");
    dependencies.partitionPaused("api");
    arrive(open("api", "w-older"));
    board.pollOnce();
    await().until(() -> api.remainingDelay().isZero());

    dependencies.halfOpenWhenDue(api);

    assertThat(board.mayProbe("api")).isFalse();
    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }

  @Test
  void theProberHalfOpensWhenItsDelayIsUpAndSaysSo() {
    live.add(ProberChoiceTest.worker("w-younger", STARTED.plusSeconds(60), true));
    DependencyRegistry dependencies = start(Duration.ofMillis(1));
    GuardedDependency api = dependencies.get("api");
    dependencies.partitionPaused("api");
    arrive(open("api", "w-younger"));
    board.pollOnce();
    await().until(() -> api.remainingDelay().isZero());

    dependencies.halfOpenWhenDue(api);
    board.pollOnce();

    assertThat(board.mayProbe("api")).isTrue();
    assertThat(api.availability()).isEqualTo(Availability.PROBING);
    assertThat(published()).extracting(DependencyReport::state).containsExactly("HALF_OPEN");
  }

  @Test
  void aMalformedRecordIsSkippedAndLoggedOnceWithItsOffset() {
    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");
    consumer.addRecord(
        new ConsumerRecord<>(
            TopicNames.DEPENDENCIES, 0, nextOffset++, FleetCodec.key("api"), bytes("{oops")));
    arrive(open("api", "w-other"));

    board.pollOnce();
    board.pollOnce();

    assertThat(warnings("fleet breaker record skipped"))
        .singleElement()
        .satisfies(message -> assertThat(message).contains("partition=0", "offset=0"));
    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }

  @Test
  void aRecordWhoseKeyIsNotItsDependencyIsSkipped() {
    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");
    consumer.addRecord(
        new ConsumerRecord<>(
            TopicNames.DEPENDENCIES,
            0,
            nextOffset++,
            FleetCodec.key("payments"),
            codec.encode(open("api", "w-other"))));

    board.pollOnce();

    assertThat(warnings("fleet breaker record skipped")).hasSize(1);
    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void aDependencyThatIsNotSharedKeepsItsBreakerToItself() throws Exception {
    GuardedDependency solo = start(Duration.ofMinutes(1)).get("solo");

    arrive(open("solo", "w-other"));
    board.pollOnce();
    assertThat(solo.availability()).isEqualTo(Availability.AVAILABLE);

    assertThatThrownBy(() -> solo.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class);
    board.pollOnce();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aWorkerStartingMidOutageOpensItsBreakerBeforeItsFirstCall() throws Exception {
    arrive(report("api", DependencyReport.CLOSED, null, "w-other"));
    arrive(open("api", "w-other"));

    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
    assertThatThrownBy(() -> api.call(this::succeeding))
        .isInstanceOf(DependencyUnavailableException.class);
    assertThat(calls).hasValue(0);
  }

  @Test
  void anOpenLongPastItsDueTimeByAWorkerNotLiveIsStale() {
    Instant longAgo = STARTED.minus(Duration.ofMinutes(11));
    arrive(report("api", DependencyReport.OPEN, longAgo, "w-gone"));

    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void anOpenByALiveWorkerIsFollowedHoweverLongPastItsDueTime() {
    live.add(ProberChoiceTest.worker("w-prober", STARTED.minusSeconds(600), true));
    arrive(report("api", DependencyReport.OPEN, STARTED.minus(Duration.ofMinutes(11)), "w-prober"));

    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }

  @Test
  void anOpenByAWorkerNotLiveIsFollowedUntilTwoDelaysPastItsDueTime() {
    arrive(report("api", DependencyReport.OPEN, STARTED.minus(Duration.ofSeconds(110)), "w-gone"));

    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }

  @Test
  void anOpenLeftByAnEarlierRunUnderOurOwnIdIsStaleTwoDelaysPastItsDueTime() {
    // Our own id is live (this run's report), but the record is from a run that is gone.
    live.add(ProberChoiceTest.worker(SELF, STARTED, false));
    Instant due = STARTED.minus(Duration.ofSeconds(121));
    arrive(
        new DependencyReport(
            "api", DependencyReport.OPEN, due, SELF, "test", due.minusSeconds(60)));

    GuardedDependency api = start(Duration.ofMinutes(1)).get("api");

    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void aWorkerWhoseFleetViewIsStillLoadingLeavesTheProbeToItsHolder() {
    viewLoading = true;
    arrive(open("api", "w-prober"));
    DependencyRegistry dependencies = start(Duration.ofMinutes(1));
    dependencies.partitionPaused("api");

    assertThat(board.mayProbe("api")).as("w-prober holds the probe; presumed alive").isFalse();

    viewLoading = false;
    assertThat(board.mayProbe("api")).as("loaded: w-prober is not among the live").isTrue();
  }

  @Test
  void aWorkerThatCannotSeeTheFleetYetProbesOnlyAfterAGracePeriod() {
    viewLoading = true;
    DependencyRegistry dependencies = start(Duration.ofMinutes(1));
    dependencies.partitionPaused("api");

    assertThat(board.mayProbe("api")).as("just started, the fleet unknown").isFalse();

    millis.addAndGet(FleetFollower.UNKNOWN_FLEET_GRACE.toMillis() + 1);
    assertThat(board.mayProbe("api")).as("the view never loaded: probe as if alone").isTrue();
  }

  @Test
  void withoutTheTopicEachBreakerActsAloneAndTheLogSaysSoOnce() {
    live.add(ProberChoiceTest.worker("w-older", STARTED.minusSeconds(60), true));
    DependencyRegistry dependencies = start(Duration.ofMinutes(1), false);
    dependencies.partitionPaused("api");

    assertThat(board.isAvailable()).isFalse();
    assertThat(board.mayProbe("api")).as("no prober to wait for").isTrue();
    nanos.addAndGet(FleetBreakers.CHECK_INTERVAL.toNanos());
    board.pollOnce();
    assertThat(warnings("fleet breaker state unavailable")).hasSize(1);

    topicExists();
    nanos.addAndGet(FleetBreakers.CHECK_INTERVAL.toNanos());
    board.pollOnce();

    assertThat(board.isAvailable()).isTrue();
    assertThat(board.mayProbe("api")).isFalse();
    assertThat(infos("fleet breaker state available again")).hasSize(1);
  }

  @Test
  void aTopicThatStopsAnsweringMakesEachBreakerActAloneUntilItAnswersAgain() {
    live.add(ProberChoiceTest.worker("w-older", STARTED.minusSeconds(60), true));
    DependencyRegistry dependencies = start(Duration.ofMinutes(1));
    dependencies.partitionPaused("api");
    assertThat(board.mayProbe("api")).isFalse();

    brokerAway.set(true);
    for (int check = 0; check < 3; check++) {
      nanos.addAndGet(FleetBreakers.CHECK_INTERVAL.toNanos());
      board.pollOnce();
    }
    assertThat(board.mayProbe("api")).as("no prober to wait for").isTrue();
    assertThat(warnings("fleet breaker state unavailable")).hasSize(1);

    brokerAway.set(false);
    nanos.addAndGet(FleetBreakers.CHECK_INTERVAL.toNanos());
    board.pollOnce();
    assertThat(board.mayProbe("api")).isFalse();
    assertThat(infos("fleet breaker state available again")).hasSize(1);
  }

  private DependencyRegistry start(Duration delay) {
    return start(delay, true);
  }

  private DependencyRegistry start(Duration delay, boolean topicExists) {
    Map<String, DependencyPolicy> policies = new LinkedHashMap<>();
    BreakerPolicy breaker = BreakerPolicy.failures(1).withDelay(delay);
    policies.put("api", DependencyPolicy.withBreaker(breaker));
    policies.put("solo", DependencyPolicy.withBreaker(breaker).withShared(false));
    registry = new DependencyRegistry(policies, new SimpleMeterRegistry());
    if (topicExists) {
      topicExists();
    }
    board =
        new FleetBreakers(
            registry,
            SELF,
            STARTED,
            () -> viewLoading ? null : live,
            Map.of(),
            new KafkaClients(config -> consumer, config -> producer),
            new LaneClock(millis::get, nanos::get));
    board.readToEnd(Duration.ofSeconds(5));
    registry.follow(board);
    return registry;
  }

  private void topicExists() {
    consumer.updatePartitions(
        TopicNames.DEPENDENCIES,
        List.of(new PartitionInfo(TopicNames.DEPENDENCIES, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(BOARD, 0L));
    consumer.updateEndOffsets(Map.of(BOARD, nextOffset));
  }

  /** Before the start: part of the topic to read; after: the next record the board polls. */
  private void arrive(DependencyReport report) {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            TopicNames.DEPENDENCIES,
            0,
            nextOffset++,
            FleetCodec.key(report.dependency()),
            codec.encode(report));
    if (board == null) {
      // The consumer takes records only once assigned: hand them over on its first poll.
      consumer.schedulePollTask(() -> consumer.addRecord(record));
    } else {
      consumer.addRecord(record);
    }
  }

  private DependencyReport open(String dependency, String by) {
    return report(dependency, DependencyReport.OPEN, STARTED.plusSeconds(30), by);
  }

  private DependencyReport report(String dependency, String state, Instant until, String by) {
    return new DependencyReport(dependency, state, until, by, "test", STARTED);
  }

  private List<DependencyReport> published() {
    return producer.history().stream()
        .map(record -> codec.decodeDependency(record.value()))
        .toList();
  }

  private List<String> warnings(String prefix) {
    return messages(Level.WARN, prefix);
  }

  private List<String> infos(String prefix) {
    return messages(Level.INFO, prefix);
  }

  private List<String> messages(Level level, String prefix) {
    return logged.list.stream()
        .filter(event -> event.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .filter(message -> message.startsWith(prefix))
        .toList();
  }

  private String failing() throws IOException {
    calls.incrementAndGet();
    throw new IOException("connection refused");
  }

  private String succeeding() {
    calls.incrementAndGet();
    return "ok";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
