package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart with static membership: a worker stopped gracefully stays in its groups, the
 * other keeps exactly its own partitions meanwhile, and the restarted worker (same id) gets its old
 * partitions back. With dynamic members the stop would hand every partition to the other worker and
 * the restart would take some back: two rebalances.
 */
@KafkaTest
class StaticMembershipIT {

  // Far longer than the restart, so only a rebalance the stop itself caused could move anything.
  private static final int SESSION_TIMEOUT_MS = 30_000;

  @Test
  void aGracefullyRestartedStaticWorkerGetsItsPartitionsBackWithoutMovingTheOthers(TestKafka kafka)
      throws Exception {
    String topic = kafka.uniqueName("tasks.static");
    kafka.createTopic(topic, 6);
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic);
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);

    try (LanesRuntime b = start(kafka, lane, "worker-b")) {
      LanesRuntime a = start(kafka, lane, "worker-a");
      Map<String, Set<TopicPartition>> before =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> assignments(kafka, lane.groupId()),
                  now ->
                      now.keySet().equals(Set.of("worker-a.batch.main-1", "worker-b.batch.main-1"))
                          && now.values().stream().allMatch(parts -> !parts.isEmpty())
                          && now.values().stream().mapToInt(Set::size).sum() == 6);

      a.close();
      // A dynamic member leaves on close, and worker-b would get all six within a heartbeat.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> assignments(kafka, lane.groupId()).equals(before));

      try (LanesRuntime again = start(kafka, lane, "worker-a")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> joined(again));
        assertThat(assignments(kafka, lane.groupId())).isEqualTo(before);
        assertThat(again.health().lanes().get(0).assignedPartitions())
            .as("its main partitions, and its share of the retry topics'")
            .isGreaterThanOrEqualTo(before.get("worker-a.batch.main-1").size());
      }
    }
  }

  private static boolean joined(LanesRuntime runtime) {
    return runtime.health().lanes().get(0).joined();
  }

  private static LanesRuntime start(TestKafka kafka, LaneConfig lane, String workerId) {
    return LanesRuntime.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .handlers(HandlerRegistry.builder().register("work", (task, context) -> {}).build())
        .consumerProperty("heartbeat.interval.ms", 300)
        .consumerProperty("session.timeout.ms", SESSION_TIMEOUT_MS)
        .lane(lane)
        .workerId(workerId)
        .staticMembership(true)
        .build()
        .start();
  }

  /** Each static member of the group by its instance id, with its partitions. */
  private static Map<String, Set<TopicPartition>> assignments(TestKafka kafka, String group)
      throws ExecutionException, InterruptedException {
    ConsumerGroupDescription description =
        kafka.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
    Map<String, Set<TopicPartition>> members = new TreeMap<>();
    for (MemberDescription member : description.members()) {
      members.put(
          member.groupInstanceId().orElse("dynamic:" + member.consumerId()),
          new HashSet<>(member.assignment().topicPartitions()));
    }
    return members;
  }
}
