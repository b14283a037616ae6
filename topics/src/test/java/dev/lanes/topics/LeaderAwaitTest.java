package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class LeaderAwaitTest {

  private static final Node BROKER = new Node(1, "broker-1", 9092);

  @Test
  void partitionsWithoutLeaderOrWithNoNodeAreLeaderless() {
    TopicDescription description =
        new TopicDescription(
            "t",
            false,
            List.of(
                new TopicPartitionInfo(0, BROKER, List.of(BROKER), List.of(BROKER)),
                new TopicPartitionInfo(1, null, List.of(BROKER), List.of()),
                new TopicPartitionInfo(2, Node.noNode(), List.of(BROKER), List.of())));

    assertThat(LeaderAwait.leaderlessPartitions(description)).containsExactly(1, 2);
  }

  @Test
  void topicWithLeadersEverywhereHasNoLeaderlessPartitions() {
    TopicDescription description =
        new TopicDescription(
            "t",
            false,
            List.of(new TopicPartitionInfo(0, BROKER, List.of(BROKER), List.of(BROKER))));

    assertThat(LeaderAwait.leaderlessPartitions(description)).isEmpty();
  }
}
