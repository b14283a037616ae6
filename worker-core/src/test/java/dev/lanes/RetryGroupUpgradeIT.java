package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Deployments from before the retry topics had a group of their own committed the retry topics'
 * offsets in the lane's group. The retry group starts where those commits left off, not at the
 * earliest retained retry record.
 */
@KafkaTest
class RetryGroupUpgradeIT {

  @Test
  void retryOffsetsCommittedInTheLanesGroupCarryOverToTheRetryGroup(TestKafka kafka)
      throws Exception {
    String topic = kafka.uniqueName("tasks.upgrade");
    kafka.createTopic(topic, 1);
    LaneConfig lane =
        TestRuntimes.lane(kafka, "upgrade", topic)
            .withRetry(RetryPolicy.of(2, Backoff.fixed(Duration.ofMillis(100))));
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    String retryTopic = lane.retryTopics().get(0);
    TopicPartition retryPartition = new TopicPartition(retryTopic, 0);
    kafka.send(retryTopic, TaskRecords.tasks(retryTopic, "retry", "work", 10));
    // What an older worker left: the first six retries done and committed in the lane's group.
    kafka
        .admin()
        .alterConsumerGroupOffsets(lane.groupId(), Map.of(retryPartition, new OffsetAndMetadata(6)))
        .all()
        .get(10, TimeUnit.SECONDS);
    Set<String> handled = ConcurrentHashMap.newKeySet();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("work", (task, context) -> handled.add(task.id()))
            .build();

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  kafka.committedOffsets(lane.retryGroupId()).get(retryPartition) != null
                      && kafka.committedOffsets(lane.retryGroupId()).get(retryPartition) == 10);
    }

    assertThat(handled).containsExactlyInAnyOrder("retry-6", "retry-7", "retry-8", "retry-9");
    assertThat(kafka.committedOffsets(lane.groupId()))
        .as("the lane's group keeps the old commit; the retry group took over")
        .containsEntry(retryPartition, 6L);
    assertThat(List.copyOf(kafka.committedOffsets(lane.retryGroupId()).keySet()))
        .containsExactly(retryPartition);
  }
}
