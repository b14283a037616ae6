package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@KafkaTest
class YieldIT {

  private static final int BATCH_THREADS = 4;
  private static final int BATCH_TASKS = 400;
  private static final int REALTIME_TASKS = 60;

  @Test
  void batchYieldsWhileRealtimeMissesItsObjectiveAndGrowsBackWhenItStops(TestKafka kafka) {
    String batchTopic = kafka.uniqueName("tasks.batch");
    String realtimeTopic = kafka.uniqueName("tasks.realtime");
    kafka.createTopic(batchTopic, 3);
    kafka.createTopic(realtimeTopic, 3);
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("burn", journal.recording((task, context) -> burnCpu(Duration.ofMillis(5))))
            // One realtime thread and 30 ms a task: a burst of 60 waits up to ~1.8 s to start.
            .register("slow", journal.recording((task, context) -> Thread.sleep(30)))
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LaneConfig batch =
        TestRuntimes.lane(kafka, "batch", batchTopic)
            .withConcurrency(BATCH_THREADS)
            .withOrdering(OrderingMode.UNORDERED);
    LaneConfig realtime =
        TestRuntimes.lane(kafka, "realtime", realtimeTopic)
            .withConcurrency(1)
            .withMaxWait(Duration.ofMillis(200));
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, batch);
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, realtime);
    AtomicInteger lowestLimit = new AtomicInteger(BATCH_THREADS);

    try (LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .meterRegistry(registry)
            .lane(batch)
            .lane(realtime)
            .yieldInterval(Duration.ofMillis(200))
            .build()
            .start()) {
      kafka.send(batchTopic, TaskRecords.tasks(batchTopic, "batch", "burn", BATCH_TASKS));
      kafka.send(realtimeTopic, TaskRecords.tasks(realtimeTopic, "rt", "slow", REALTIME_TASKS));

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                lowestLimit.accumulateAndGet((int) limit(registry, "batch"), Math::min);
                return yielding(registry, "batch") == 1.0;
              });
      assertThat(limit(registry, "batch")).isLessThan(BATCH_THREADS);
      assertThat(limit(registry, "realtime")).as("realtime never yields").isEqualTo(1.0);

      // Realtime's burst drains and it goes idle: batch grows back to its pool size.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                lowestLimit.accumulateAndGet((int) limit(registry, "batch"), Math::min);
                return limit(registry, "batch") == BATCH_THREADS
                    && yielding(registry, "batch") == 0.0;
              });
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> journal.count() >= BATCH_TASKS + REALTIME_TASKS);

      assertThat(lowestLimit.get()).as("the floor, 1 by default").isGreaterThanOrEqualTo(1);
      assertThat(journal.entries().stream().map(TaskJournal.Entry::taskId).distinct().count())
          .as("every task ran exactly once")
          .isEqualTo(BATCH_TASKS + REALTIME_TASKS);
      assertThat(journal.count()).isEqualTo(BATCH_TASKS + REALTIME_TASKS);
      double realtimeMaxWait =
          registry
              .get(MetricNames.TASK_WAIT_MAX)
              .tag(MetricNames.TAG_LANE, "realtime")
              .timeGauge()
              .value(java.util.concurrent.TimeUnit.MILLISECONDS);
      assertThat(realtimeMaxWait)
          .as(String.format(Locale.ROOT, "realtime max wait %.0f ms", realtimeMaxWait))
          .isGreaterThan(200);
    }
  }

  private static double limit(SimpleMeterRegistry registry, String lane) {
    return registry
        .get(MetricNames.LANE_CONCURRENCY_LIMIT)
        .tag(MetricNames.TAG_LANE, lane)
        .gauge()
        .value();
  }

  private static double yielding(SimpleMeterRegistry registry, String lane) {
    return registry.get(MetricNames.LANE_YIELDING).tag(MetricNames.TAG_LANE, lane).gauge().value();
  }

  private static void burnCpu(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    long spin = 0;
    while (System.nanoTime() < end) {
      spin++;
    }
    if (spin == 42) {
      Thread.onSpinWait();
    }
  }
}
