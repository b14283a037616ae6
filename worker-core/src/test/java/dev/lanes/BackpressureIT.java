package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@KafkaTest
class BackpressureIT {

  private static final int TASKS = 2_000;
  private static final int MAX_IN_FLIGHT = 100;

  @Test
  void aStuckLanePausesFetchingAndStaysInItsGroupPastMaxPollInterval(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.backpressure");
    kafka.createTopic(topic, 2);
    kafka.send(topic, TaskRecords.tasks(topic, "task", "call", TASKS));

    CountDownLatch dependencyBack = new CountDownLatch(1);
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("call", journal.recording((task, context) -> dependencyBack.await()))
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "batch", topic)
            .withConcurrency(2)
            .withOrdering(OrderingMode.UNORDERED)
            .withMaxInFlight(MAX_IN_FLIGHT, MAX_IN_FLIGHT);
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);

    try (LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .meterRegistry(registry)
            .lane(lane)
            // A member that stopped polling would be expelled after 2 s.
            .consumerProperty("max.poll.interval.ms", 2_000)
            // The rebalance timeout is max.poll.interval.ms: a member hears of a rebalance (the
            // lane's retry loop joining) by heartbeat, so heartbeats must come well within it.
            .consumerProperty("heartbeat.interval.ms", 300)
            .build()
            .start()) {
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> gauge(registry, MetricNames.PAUSED_PARTITIONS) == 2);
        // Stuck for more than twice max.poll.interval.ms: still paused, still bounded, still a
        // member (an expelled member would lose its partitions and fail).
        await()
            .during(Duration.ofSeconds(5))
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    gauge(registry, MetricNames.PAUSED_PARTITIONS) == 2
                        && gauge(registry, MetricNames.IN_FLIGHT) <= MAX_IN_FLIGHT * 2
                        && runtime.laneStates().get("batch") == LaneState.RUNNING);
        assertThat(journal.count()).isZero();
      } finally {
        dependencyBack.countDown();
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> journal.count() >= TASKS);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.committedTotal(kafka, lane.groupId()) == TASKS);
    }
    // Had the member been expelled, its uncommitted tasks would have run twice.
    assertThat(journal.count()).isEqualTo(TASKS);
    assertThat(journal.ids()).hasSize(TASKS);
  }

  private static double gauge(SimpleMeterRegistry registry, String name) {
    return registry.get(name).tag(MetricNames.TAG_LANE, "batch").gauge().value();
  }
}
