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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KafkaTest
class AdaptiveLimitIT {

  private static final String API = "api";
  private static final int MAX = 8;
  private static final Duration FAST = Duration.ofMillis(20);
  private static final Duration SLOW = Duration.ofMillis(400);

  private FlakyHttpService fake;

  @BeforeEach
  void startFake() {
    fake = FlakyHttpService.start(0);
    fake.addLatency(FAST);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void aBrownOutLowersTheLimitHealingRaisesItAndNoTaskSpendsAnAttemptOnTheLimit(TestKafka kafka)
      throws Exception {
    String topic = kafka.uniqueName("tasks.brownout");
    kafka.createTopic(topic, MAX);
    LaneConfig lane =
        TestRuntimes.lane(kafka, "batch", topic)
            .withConcurrency(MAX)
            .withRetry(RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(200))));
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    AttemptLog log = new AttemptLog();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DependencyPolicy policy =
        DependencyPolicy.defaults()
            .withTimeout(Duration.ofSeconds(5))
            .withAdaptiveConcurrency(1, MAX);

    try (LanesRuntime runtime = start(kafka, lane, registry, policy, log);
        TaskStream http =
            new TaskStream(
                kafka,
                Duration.ofMillis(10),
                topic,
                "http",
                DiagnosticHandlers.HTTP,
                httpPayload(),
                n -> n % MAX)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> log.succeededWithPrefix("http") >= 50);
      // The first calls (connection set-up, JIT) may be slow: fast ones keep it near its max.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> limit(registry) >= MAX - 1);

      fake.addLatency(SLOW);
      long slowedAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> limit(registry) <= 2);
      long fellMillis = (System.nanoTime() - slowedAt) / 1_000_000;
      await().atMost(Duration.ofSeconds(30)).until(() -> rejectedByLimit(registry) > 0);

      fake.addLatency(FAST);
      long healedAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> limit(registry) >= MAX - 1);
      long roseMillis = (System.nanoTime() - healedAt) / 1_000_000;

      List<String> ids = http.stop();
      await().atMost(Duration.ofSeconds(60)).until(() -> log.succeeded().containsAll(ids));
      System.out.printf(
          "adaptive limit: fell to <= 2 in %d ms, rose to >= %d in %d ms, rejected by limit=%.0f,"
              + " tasks=%d%n",
          fellMillis, MAX - 1, roseMillis, rejectedByLimit(registry), ids.size());
      for (String id : ids) {
        assertThat(log.of(id))
            .as("task %s ran as its first attempt from the main topic", id)
            .allSatisfy(
                call -> {
                  assertThat(call.attempt()).isEqualTo(1);
                  assertThat(call.topic()).isEqualTo(topic);
                });
      }
    }
    long retried =
        lane.retryTopics().stream().mapToLong(t -> TestRuntimes.endTotal(kafka, t)).sum();
    assertThat(retried).as("nothing reached a retry topic").isZero();
    assertThat(TestRuntimes.endTotal(kafka, lane.deadLetterTopic()))
        .as("nothing reached the dead-letter topic")
        .isZero();
  }

  private LanesRuntime start(
      TestKafka kafka,
      LaneConfig lane,
      MeterRegistry registry,
      DependencyPolicy policy,
      AttemptLog log) {
    TaskHandler http = DiagnosticHandlers.registry().find(DiagnosticHandlers.HTTP);
    return LanesRuntime.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .handlers(
            HandlerRegistry.builder()
                .register(DiagnosticHandlers.HTTP, log.handler(http::handle))
                .build())
        .meterRegistry(registry)
        .dependency(API, policy)
        .lane(lane)
        .build()
        .start();
  }

  private ObjectNode httpPayload() {
    return TaskRecords.payload().put("url", fake.workUri().toString()).put("dependency", API);
  }

  private static double limit(MeterRegistry registry) {
    return registry.get(MetricNames.DEPENDENCY_LIMIT).gauge().value();
  }

  private static double rejectedByLimit(MeterRegistry registry) {
    return registry.get(MetricNames.DEPENDENCY_LIMIT_REJECTED).counter().count();
  }
}
