package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.LaneConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

  private final LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

  @Test
  void theLaneOwnsGroupCommitsAndDeserializers() {
    Map<String, Object> config =
        ConsumerSettings.forLane(
            lane,
            "broker:9092",
            Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "someone-elses",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                10_000));

    assertThat(config)
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "lanes.batch")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
  }

  @Test
  void autoCommitCannotBeSwitchedOn() {
    assertThatThrownBy(
            () ->
                ConsumerSettings.forLane(
                    lane, "broker:9092", Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable.auto.commit must be false, was true");
  }

  @Test
  void aGroupInstanceIdForEveryConsumerIsRefused() {
    assertThatThrownBy(
            () ->
                ConsumerSettings.forLane(
                    lane, "broker:9092", Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "w-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("group.instance.id must not be set, was w-1");
  }

  @Test
  void pollSizeFollowsTheInFlightLimitUnlessTheUserSetsIt() {
    LaneConfig small = lane.withMaxInFlight(40, 40);

    assertThat(ConsumerSettings.maxPollRecords(ConsumerSettings.forLane(small, "b:1", Map.of())))
        .isEqualTo(40);
    assertThat(ConsumerSettings.maxPollRecords(ConsumerSettings.forLane(lane, "b:1", Map.of())))
        .isEqualTo(500);
    assertThat(
            ConsumerSettings.maxPollRecords(
                ConsumerSettings.forLane(
                    small, "b:1", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7))))
        .isEqualTo(7);
  }

  @Test
  void pollSizeFollowsEachPollersPartOfTheInFlightLimit() {
    LaneConfig shared = lane.withMaxInFlight(90, 90).withPollers(3);

    assertThat(ConsumerSettings.maxPollRecords(ConsumerSettings.forLane(shared, "b:1", Map.of())))
        .isEqualTo(30);
  }

  @Test
  void eachLoopGetsAClientIdOfItsOwn() {
    Map<String, Object> config = ConsumerSettings.forLane(lane, "b:1", Map.of());

    Object first =
        ConsumerSettings.inGroup(config, "g", "main-1").get(ConsumerConfig.CLIENT_ID_CONFIG);
    Object second =
        ConsumerSettings.inGroup(config, "g", "main-2").get(ConsumerConfig.CLIENT_ID_CONFIG);

    assertThat(first.toString()).endsWith("-main-1");
    assertThat(second.toString()).endsWith("-main-2");
  }

  @Test
  void theBrokerSideGroupProtocolGetsNoClientAssignor() {
    Map<String, Object> config =
        ConsumerSettings.forLane(lane, "b:1", Map.of("group.protocol", "consumer"));

    assertThat(config).doesNotContainKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
  }
}
