package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@KafkaTest
class BulkheadIT {

  @Test
  void realtimeKeepsFlowingWhileEveryBatchThreadIsBlocked(TestKafka kafka) {
    String batchTopic = kafka.uniqueName("tasks.batch");
    String realtimeTopic = kafka.uniqueName("tasks.realtime");
    kafka.createTopic(batchTopic, 3);
    kafka.createTopic(realtimeTopic, 3);

    CountDownLatch dependencyBack = new CountDownLatch(1);
    AtomicInteger batchStarted = new AtomicInteger();
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "stuck-call",
                journal.recording(
                    (task, context) -> {
                      batchStarted.incrementAndGet();
                      dependencyBack.await();
                    }))
            .register("quick", journal.recording((task, context) -> {}))
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LaneConfig batch =
        TestRuntimes.lane(kafka, "batch", batchTopic)
            .withConcurrency(2)
            .withOrdering(OrderingMode.UNORDERED);
    LaneConfig realtime = TestRuntimes.lane(kafka, "realtime", realtimeTopic).withConcurrency(2);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, batch, realtime)) {
      try {
        realtimeFlowsWhileBatchIsStuck(
            kafka, batchTopic, realtimeTopic, registry, journal, batchStarted);
        // health carries what is in flight, so no caller needs the gauge's name
        assertThat(inFlight(runtime, "batch")).isGreaterThanOrEqualTo(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(runtime, "realtime") == 0);
      } finally {
        dependencyBack.countDown(); // unblock batch even when an assertion failed
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == 400);
    }
  }

  private static void realtimeFlowsWhileBatchIsStuck(
      TestKafka kafka,
      String batchTopic,
      String realtimeTopic,
      SimpleMeterRegistry registry,
      TaskJournal journal,
      AtomicInteger batchStarted) {
    kafka.send(batchTopic, TaskRecords.tasks(batchTopic, "batch", "stuck-call", 300));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> batchStarted.get() == 2 && inFlight(registry, "batch") >= 100);

    kafka.send(realtimeTopic, TaskRecords.tasks(realtimeTopic, "rt", "quick", 100));
    await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == 100);

    List<TaskJournal.Entry> done = journal.entries();
    assertThat(done).allMatch(entry -> entry.type().equals("quick"));
    assertThat(batchStarted.get()).as("batch threads still stuck").isEqualTo(2);
    long slowest =
        done.stream()
            .mapToLong(entry -> entry.finishedAtMillis() - entry.createdAtMillis())
            .max()
            .orElseThrow();
    // Normal latency here is tens of milliseconds; a starved lane would not finish at all.
    assertThat(slowest).as("slowest realtime task, ms from produce to done").isLessThan(3_000);
  }

  private static int inFlight(LanesRuntime runtime, String lane) {
    return runtime.health().lanes().stream()
        .filter(health -> health.name().equals(lane))
        .findFirst()
        .orElseThrow()
        .inFlight();
  }

  private static double inFlight(SimpleMeterRegistry registry, String lane) {
    return registry.get(MetricNames.IN_FLIGHT).tag(MetricNames.TAG_LANE, lane).gauge().value();
  }
}
