package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.testkit.fake.FlakyHttpService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KafkaTest
class BreakerIT {

  private static final String API = "api";
  private static final Duration BREAKER_DELAY = Duration.ofSeconds(1);
  private static final Duration OUTAGE = Duration.ofSeconds(4);
  // Opens on the first failure: no failure before the breaker opens takes the retry ladder.
  private static final DependencyPolicy BREAKER =
      DependencyPolicy.withBreaker(BreakerPolicy.failures(1).withDelay(BREAKER_DELAY));
  private static final RetryPolicy RETRIES =
      RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(200)));

  private FlakyHttpService fake;

  @BeforeEach
  void startFake() {
    fake = FlakyHttpService.start(0);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void anOutageOpensTheBreakerPausesItsPartitionsAndSpendsNoAttemptsWhileOtherWorkFlows(
      TestKafka kafka) throws Exception {
    Outage outage = runOutage(kafka, BREAKER);

    System.out.printf(
        "breaker: calls during the outage=%d (while open=%d) retried=%d dead-lettered=%d"
            + " recovery=%d ms%n",
        outage.callsDuringOutage,
        outage.callsWhileOpen,
        outage.retried,
        outage.deadLettered,
        outage.recoveryMillis);
    long probes = OUTAGE.toMillis() / BREAKER_DELAY.toMillis() + 1;
    assertThat(outage.callsWhileOpen).as("only half-open probes").isLessThanOrEqualTo(probes);
    assertThat(outage.retried).as("no task reached a retry topic").isZero();
    assertThat(outage.deadLettered).as("no task reached the dead-letter topic").isZero();
    assertThat(outage.httpSucceeded).as("every http task completed").isEqualTo(outage.httpProduced);
    assertThat(outage.workDoneDuringOutage)
        .as("tasks that need no dependency kept completing on the same lane")
        .isGreaterThan(OUTAGE.toMillis() / WORK_INTERVAL.toMillis() / 2);
    assertThat(outage.recoveryMillis)
        .as("partitions resume within the breaker delay + 1 s")
        .isLessThanOrEqualTo(BREAKER_DELAY.toMillis() + 1000);
  }

  @Test
  void withoutABreakerTheSameOutageIsHammeredByRetriesAndEndsInTheDeadLetterTopic(TestKafka kafka)
      throws Exception {
    Outage outage = runOutage(kafka, DependencyPolicy.withoutBreaker());

    System.out.printf(
        "naive (no breaker, retries only): calls during the outage=%d retried=%d"
            + " dead-lettered=%d%n",
        outage.callsDuringOutage, outage.retried, outage.deadLettered);
    long probes = OUTAGE.toMillis() / BREAKER_DELAY.toMillis() + 1;
    assertThat(outage.callsDuringOutage).isGreaterThan(10 * probes);
    assertThat(outage.deadLettered).isPositive();
  }

  @Test
  void aWorkerJoiningDuringAnOutageKeepsTheTakenOverPartitionsPausedAndLosesNothing(TestKafka kafka)
      throws Exception {
    String topic = kafka.uniqueName("tasks.outage-rebalance");
    kafka.createTopic(topic, 4);
    LaneConfig lane =
        TestRuntimes.lane(kafka, "outage", topic).withRetry(RETRIES).withConcurrency(4);
    AttemptLog first = new AttemptLog();
    AttemptLog second = new AttemptLog();
    SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();

    try (LanesRuntime one = start(kafka, lane, firstMeters, BREAKER, first);
        TaskStream http =
            new TaskStream(
                kafka,
                HTTP_INTERVAL,
                topic,
                "http",
                DiagnosticHandlers.HTTP,
                httpPayload(),
                n -> n % 4)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> first.succeededWithPrefix("http") >= 20);
      fake.failWith(503, 1.0);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> breakerState(firstMeters) == 2 && pausedPartitions(firstMeters) == 4);
      long callsBeforeJoin = fake.calls();
      long joinedAt = System.nanoTime();
      SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
      try (LanesRuntime two = start(kafka, lane, secondMeters, BREAKER, second)) {
        // The newcomer's own breaker is closed: its first call fails, opens it, and pauses the
        // partition; after that, only probes.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    pausedPartitions(secondMeters) + pausedPartitions(firstMeters) == 4
                        && pausedPartitions(secondMeters) > 0);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> true);
        long seconds = (System.nanoTime() - joinedAt) / 1_000_000_000 + 1;
        long calls = fake.calls() - callsBeforeJoin;
        System.out.printf(
            "rebalance during an outage: %d calls in %d s with two workers (%d threads each)%n",
            calls, seconds, lane.concurrency());
        // Each worker: at most one probe per delay. The newcomer's breaker starts closed, so its
        // first calls (at most one per worker thread, made before the first failure returns)
        // reach the dependency too.
        long probes = 2 * (seconds / BREAKER_DELAY.toSeconds() + 1);
        assertThat(calls).isLessThanOrEqualTo(probes + lane.concurrency());
        assertThat(deadLetters(kafka, lane) + retryRecords(kafka, lane)).isZero();

        fake.recover();
        List<String> ids = http.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> union(first, second).containsAll(ids));
      }
    }
    assertThat(deadLetters(kafka, lane) + retryRecords(kafka, lane)).isZero();
  }

  @Test
  void breakersAndRetriesComposeTheTasksOwnFailuresRetryAnOpenBreakerWaitsWithoutAnAttempt(
      TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.compose");
    kafka.createTopic(topic, 1);
    // One at a time, in order, so the story is deterministic.
    LaneConfig lane =
        TestRuntimes.lane(kafka, "compose", topic)
            .withConcurrency(1)
            .withOrdering(OrderingMode.PARTITION)
            .withRetry(RetryPolicy.of(4, Backoff.fixed(Duration.ofMillis(300))));
    AttemptLog log = new AttemptLog();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Opens on the third failure in a row: the first two are ordinary failures.
    DependencyPolicy policy =
        DependencyPolicy.withBreaker(BreakerPolicy.failures(3).withDelay(BREAKER_DELAY));
    fake.failWith(503, 1.0);

    try (LanesRuntime runtime = start(kafka, lane, registry, policy, log)) {
      kafka.send(
          topic,
          List.of(
              TaskRecords.task(topic, null, "dep-1", DiagnosticHandlers.HTTP, httpPayload()),
              TaskRecords.task(topic, null, "dep-2", DiagnosticHandlers.HTTP, httpPayload()),
              TaskRecords.task(topic, null, "dep-3", DiagnosticHandlers.HTTP, httpPayload())));
      await().atMost(Duration.ofSeconds(30)).until(() -> breakerState(registry) == 2);
      fake.recover();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> log.succeeded().containsAll(List.of("dep-1", "dep-2", "dep-3")));
    }

    // Failures while the breaker was closed spent an attempt and took the retry ladder...
    assertThat(succeededCall(log, "dep-1").attempt()).isEqualTo(2);
    assertThat(succeededCall(log, "dep-1").topic()).isEqualTo(lane.retryTopics().get(0));
    assertThat(succeededCall(log, "dep-2").attempt()).isEqualTo(2);
    // ...the failure that opened the breaker did not: that task waited and ran again as attempt 1.
    assertThat(log.of("dep-3")).extracting(AttemptLog.Call::attempt).containsOnly(1);
    assertThat(succeededCall(log, "dep-3").topic()).isEqualTo(topic);
    assertThat(deadLetters(kafka, lane)).isZero();
  }

  @Test
  void withNoNewTrafficAtAllTheBreakerStillHalfOpensAndTheWaitingTasksComplete(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.quiet");
    kafka.createTopic(topic, 3);
    LaneConfig lane = TestRuntimes.lane(kafka, "quiet", topic).withRetry(RETRIES);
    AttemptLog log = new AttemptLog();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    fake.failWith(503, 1.0);

    try (LanesRuntime runtime = start(kafka, lane, registry, BREAKER, log)) {
      List<ProducerRecord<String, String>> tasks =
          java.util.stream.IntStream.range(0, 30)
              .mapToObj(
                  i ->
                      onPartition(
                          topic, i % 3, "quiet-" + i, DiagnosticHandlers.HTTP, httpPayload()))
              .toList();
      kafka.send(topic, tasks);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> breakerState(registry) == 2 && pausedPartitions(registry) == 3);
      long callsAtOpen = fake.calls();
      long openedAt = System.nanoTime();
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> true);
      long openMillis = (System.nanoTime() - openedAt) / 1_000_000;
      long probes = fake.calls() - callsAtOpen;

      fake.recover();
      await().atMost(Duration.ofSeconds(30)).until(() -> log.succeededWithPrefix("quiet") == 30);
      System.out.printf("no traffic: %d probe calls in %d ms open%n", probes, openMillis);
      assertThat(probes)
          .as("the breaker half-opened on its own, without a call, and probed")
          .isBetween(1L, openMillis / BREAKER_DELAY.toMillis() + 1);
    }
    assertThat(deadLetters(kafka, lane) + retryRecords(kafka, lane)).isZero();
  }

  private static AttemptLog.Call succeededCall(AttemptLog log, String id) {
    return log.of(id).stream().filter(AttemptLog.Call::succeeded).findFirst().orElseThrow();
  }

  private static Set<String> union(AttemptLog a, AttemptLog b) {
    Set<String> all = new HashSet<>(a.succeeded());
    all.addAll(b.succeeded());
    return all;
  }

  private static final Duration HTTP_INTERVAL = Duration.ofMillis(40);
  private static final Duration WORK_INTERVAL = Duration.ofMillis(100);

  private record Outage(
      long callsDuringOutage,
      long callsWhileOpen,
      long retried,
      long deadLettered,
      long recoveryMillis,
      int httpProduced,
      long httpSucceeded,
      long workDoneDuringOutage) {}

  /**
   * A steady stream of http tasks (partitions 0 and 1) and of tasks that need no dependency
   * (partition 2); the dependency fails for {@link #OUTAGE}, then recovers.
   */
  private Outage runOutage(TestKafka kafka, DependencyPolicy policy) throws Exception {
    String topic = kafka.uniqueName("tasks.outage");
    kafka.createTopic(topic, 3);
    AttemptLog log = new AttemptLog();
    LaneConfig lane = TestRuntimes.lane(kafka, "outage", topic).withRetry(RETRIES);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    boolean breaker = policy.breaker() != null;

    try (LanesRuntime runtime = start(kafka, lane, registry, policy, log);
        TaskStream http =
            new TaskStream(
                kafka,
                HTTP_INTERVAL,
                topic,
                "http",
                DiagnosticHandlers.HTTP,
                httpPayload(),
                n -> n % 2);
        TaskStream work =
            new TaskStream(
                kafka, WORK_INTERVAL, topic, "work", "work", TaskRecords.payload(), n -> 2)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> log.succeededWithPrefix("http") >= 20);

      fake.failWith(503, 1.0);
      long callsAtFailure = fake.calls();
      long outageStart = System.nanoTime();
      long workAtFailure = log.succeededWithPrefix("work");
      long callsAtOpen = callsAtFailure;
      if (breaker) {
        await().atMost(Duration.ofSeconds(10)).until(() -> breakerState(registry) == 2);
        callsAtOpen = fake.calls();
      }
      // The outage lasts its time; meanwhile, with a breaker, nothing may reach the retry topics.
      await()
          .pollDelay(OUTAGE.minusNanos(System.nanoTime() - outageStart))
          .atMost(OUTAGE.plusSeconds(30))
          .until(() -> true);
      long callsAtRecovery = fake.calls();
      long workDuringOutage = log.succeededWithPrefix("work") - workAtFailure;
      fake.recover();
      long recoveredAt = System.nanoTime();
      long recoveryMillis = -1;
      if (breaker) {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> breakerState(registry) == 0 && pausedPartitions(registry) == 0);
        recoveryMillis = (System.nanoTime() - recoveredAt) / 1_000_000;
      }
      List<String> httpIds = http.stop();
      List<String> workIds = work.stop();
      long retried = retryRecords(kafka, lane);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  log.succeeded().containsAll(workIds)
                      && log.succeededWithPrefix("http") + deadLetters(kafka, lane)
                          >= httpIds.size());
      Set<String> httpSucceeded = new HashSet<>(log.succeeded());
      httpSucceeded.retainAll(httpIds);
      return new Outage(
          callsAtRecovery - callsAtFailure,
          callsAtRecovery - callsAtOpen,
          Math.max(retried, retryRecords(kafka, lane)),
          deadLetters(kafka, lane),
          recoveryMillis,
          httpIds.size(),
          httpSucceeded.size(),
          workDuringOutage);
    }
  }

  private LanesRuntime start(
      TestKafka kafka,
      LaneConfig lane,
      MeterRegistry registry,
      DependencyPolicy policy,
      AttemptLog log) {
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    TaskHandler http = DiagnosticHandlers.registry().find(DiagnosticHandlers.HTTP);
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(DiagnosticHandlers.HTTP, log.handler(http::handle))
            .register("work", log.handler((task, context) -> {}))
            .build();
    return LanesRuntime.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .handlers(handlers)
        .meterRegistry(registry)
        .dependency(API, policy)
        .consumerProperty("heartbeat.interval.ms", 300)
        .consumerProperty("session.timeout.ms", 6000)
        .lane(lane)
        .build()
        .start();
  }

  private ObjectNode httpPayload() {
    return TaskRecords.payload().put("url", fake.workUri().toString()).put("dependency", API);
  }

  private static long retryRecords(TestKafka kafka, LaneConfig lane) {
    return lane.retryTopics().stream().mapToLong(t -> TestRuntimes.endTotal(kafka, t)).sum();
  }

  private static long deadLetters(TestKafka kafka, LaneConfig lane) {
    return TestRuntimes.endTotal(kafka, lane.deadLetterTopic());
  }

  private static double breakerState(MeterRegistry registry) {
    return registry.get(MetricNames.DEPENDENCY_BREAKER_STATE).gauge().value();
  }

  private static double pausedPartitions(MeterRegistry registry) {
    return registry.get(MetricNames.DEPENDENCY_PAUSED_PARTITIONS).gauge().value();
  }

  static ProducerRecord<String, String> onPartition(
      String topic, int partition, String id, String type, ObjectNode payload) {
    ProducerRecord<String, String> task = TaskRecords.task(topic, null, id, type, payload);
    return new ProducerRecord<>(topic, partition, null, task.value());
  }
}
