package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.LaneConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

  private final LaneConfig lane = LaneConfig.of("batch", "tasks.batch").withPollers(2);

  @Test
  void eachConsumerOfAStaticWorkerIsNamedByWorkerLaneAndRole() {
    GroupMembership membership = GroupMembership.staticAs("worker-0");

    assertThat(membership.apply(Map.of(), "batch", "main-2"))
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "worker-0.batch.main-2");
    assertThat(membership.apply(Map.of(), "batch", "retry"))
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "worker-0.batch.retry");
  }

  @Test
  void aDynamicWorkerLeavesTheConsumerConfigWithoutAnInstanceId() {
    Map<String, Object> config = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "lanes.batch");

    assertThat(GroupMembership.dynamic().apply(config, "batch", "main-1"))
        .isEqualTo(config)
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void theRolesAreEveryMainLoopAndTheRetryLoop() {
    assertThat(GroupMembership.roles(lane)).containsExactly("main-1", "main-2", "retry");
  }

  @Test
  void aWorkerIdWithACharacterKafkaRefusesIsNamedWithTheRule() {
    assertThatThrownBy(() -> GroupMembership.staticAs("worker 0/eu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "worker id 'worker 0/eu' is not allowed: Kafka allows only ASCII letters, digits,"
                + " '.', '_' and '-' in a group.instance.id");
    assertThatThrownBy(() -> GroupMembership.staticAs("wörker"))
        .hasMessageContaining("'wörker' is not allowed");
    assertThatThrownBy(() -> GroupMembership.staticAs(""))
        .hasMessageContaining("'' is not allowed");
  }

  @Test
  void aWorkerIdIsRefusedWhenALanesLongestInstanceIdPassesKafkasLimit() {
    // ".batch.main-1" adds 13 characters (".batch.retry" 12): 236 fit, 237 do not.
    String fits = "w".repeat(GroupMembership.MAX_INSTANCE_ID_LENGTH - 13);
    String tooLong = fits + "w";

    GroupMembership.staticAs(fits).requireFits(lane);
    assertThatThrownBy(() -> GroupMembership.staticAs(tooLong).requireFits(lane))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("worker id '" + tooLong + "' is too long")
        .hasMessageEndingWith("has 250 characters, Kafka allows at most 249");
  }

  @Test
  void aDynamicWorkerFitsEveryLane() {
    GroupMembership.dynamic().requireFits(lane);
  }
}
