package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.testkit.fake.FlakyHttpService;
import dev.lanes.topics.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three runtimes of one fleet in one JVM, each on its own lane, sharing one dependency through
 * {@code lanes.dependencies}: an outage one of them finds opens every breaker, and only the
 * earliest-started waiting worker probes.
 */
@KafkaTest
class FleetBreakerIT {

  private static final Duration BREAKER_DELAY = Duration.ofSeconds(1);
  private static final Instant FLEET_START = Instant.now();

  private final List<Member> fleet = new CopyOnWriteArrayList<>();
  private FlakyHttpService fake;
  private String api;

  @BeforeEach
  void start(TestKafka kafka) {
    fake = FlakyHttpService.start(0);
    // Unique per test: other tests of this JVM may share the broker's lanes.dependencies.
    api = kafka.uniqueName("fleet-api");
    if (!kafka.topicExists(TopicNames.DEPENDENCIES)) {
      kafka.createTopic(TopicNames.DEPENDENCIES, 1, Map.of("cleanup.policy", "compact"));
    }
  }

  @AfterEach
  void stop() {
    fleet.forEach(member -> member.runtime.close());
    fake.close();
  }

  @Test
  void anOutageOneWorkerFindsOpensEveryBreakerAndOnlyTheOldestWaitingWorkerProbes(TestKafka kafka) {
    Member a = join(kafka, "w-a", 0);
    Member b = join(kafka, "w-b", 1);
    send(kafka, a, "warm-a", 4);
    send(kafka, b, "warm-b", 4);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> a.log.succeededWithPrefix("warm") == 4 && b.log.succeededWithPrefix("warm") == 4);

    double bWarmCalls = b.calls("success");
    fake.failWith(503, 1.0);
    send(kafka, a, "outage-a", 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.breaker() == BreakerState.OPEN);
    await()
        .atMost(Duration.ofSeconds(10))
        .alias("the fleet's OPEN opens b's breaker")
        .until(() -> b.breaker() == BreakerState.OPEN);

    send(kafka, b, "outage-b", 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.pausedPartitions() > 0);
    Member c = join(kafka, "w-c", 2);
    assertThat(c.breaker())
        .as("a worker started mid-outage starts open")
        .isEqualTo(BreakerState.OPEN);
    send(kafka, c, "outage-c", 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> c.pausedPartitions() > 0);

    // A few delays: only a, the oldest waiting worker, probes; b and c stay open.
    await()
        .pollDelay(BREAKER_DELAY.multipliedBy(3))
        .atMost(Duration.ofSeconds(30))
        .until(() -> true);
    assertThat(a.calls("failure")).as("a found the outage and probed").isGreaterThan(1);
    assertThat(b.calls("failure") + b.calls("success") - bWarmCalls).as("b made no call").isZero();
    assertThat(c.calls("failure") + c.calls("success")).as("c made no call").isZero();
    assertThat(b.calls("rejected") + c.calls("rejected")).isPositive();

    fake.recover();
    await()
        .atMost(Duration.ofSeconds(30))
        .alias("a's probe closes every breaker and all resume")
        .until(
            () ->
                a.log.succeededWithPrefix("outage") == 6
                    && b.log.succeededWithPrefix("outage") == 6
                    && c.log.succeededWithPrefix("outage") == 6);
    assertThat(fleet)
        .allSatisfy(member -> assertThat(member.breaker()).isEqualTo(BreakerState.CLOSED));
    assertThat(b.calls("failure") + c.calls("failure")).as("b and c never met the outage").isZero();
  }

  /** Starts a runtime with its own lane; its start time ranks it for the prober choice. */
  private Member join(TestKafka kafka, String workerId, int rank) {
    String topic = kafka.uniqueName("tasks.fleet-" + workerId);
    kafka.createTopic(topic, 2);
    LaneConfig lane = TestRuntimes.lane(kafka, "fleet", topic).withConcurrency(2);
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    AttemptLog log = new AttemptLog();
    TaskHandler http = DiagnosticHandlers.registry().find(DiagnosticHandlers.HTTP);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(
                HandlerRegistry.builder()
                    .register(DiagnosticHandlers.HTTP, log.handler(http::handle))
                    .build())
            .meterRegistry(meters)
            .workerId(workerId)
            .dependency(
                api,
                DependencyPolicy.withBreaker(BreakerPolicy.failures(1).withDelay(BREAKER_DELAY)))
            .liveWorkers(this::liveWorkers)
            .lane(lane)
            .build();
    Member member =
        new Member(workerId, FLEET_START.plusSeconds(rank), topic, runtime, meters, log);
    fleet.add(member);
    runtime.start();
    return member;
  }

  /** What lanes.fleet would say: each member, when it started, and whether it waits on api. */
  private List<WorkerReport> liveWorkers() {
    List<WorkerReport> reports = new ArrayList<>();
    Instant now = Instant.now();
    for (Member member : fleet) {
      List<PausedPartition> paused =
          member.pausedPartitions() > 0
              ? List.of(PausedPartition.onDependency(member.topic + "-0", api))
              : List.of();
      reports.add(
          new WorkerReport(
              member.workerId,
              "localhost",
              null,
              "test",
              member.startedAt,
              now,
              Duration.ofSeconds(5),
              List.of(
                  new LaneReport(
                      "fleet", "group", List.of(member.topic + "-0"), 0, 0, 0, 0, paused)),
              List.of()));
    }
    return reports;
  }

  private void send(TestKafka kafka, Member member, String prefix, int count) {
    List<ProducerRecord<String, String>> tasks =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    BreakerIT.onPartition(
                        member.topic,
                        i % 2,
                        prefix + "-" + member.workerId + "-" + i,
                        DiagnosticHandlers.HTTP,
                        payload()))
            .toList();
    kafka.send(member.topic, tasks);
  }

  private ObjectNode payload() {
    return TaskRecords.payload().put("url", fake.workUri().toString()).put("dependency", api);
  }

  private final class Member {
    final String workerId;
    final Instant startedAt;
    final String topic;
    final LanesRuntime runtime;
    final MeterRegistry meters;
    final AttemptLog log;

    Member(
        String workerId,
        Instant startedAt,
        String topic,
        LanesRuntime runtime,
        MeterRegistry meters,
        AttemptLog log) {
      this.workerId = workerId;
      this.startedAt = startedAt;
      this.topic = topic;
      this.runtime = runtime;
      this.meters = meters;
      this.log = log;
    }

    BreakerState breaker() {
      return health().state();
    }

    int pausedPartitions() {
      return health().pausedPartitions();
    }

    private DependencyHealth health() {
      return runtime.health().dependencies().stream()
          .filter(dependency -> dependency.name().equals(api))
          .findFirst()
          .orElseThrow();
    }

    double calls(String outcome) {
      return meters
          .get(MetricNames.DEPENDENCY_CALLS)
          .tag(MetricNames.TAG_DEPENDENCY, api)
          .tag(MetricNames.TAG_OUTCOME, outcome)
          .counter()
          .count();
    }
  }
}
