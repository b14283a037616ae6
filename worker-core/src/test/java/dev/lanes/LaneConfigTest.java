package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.topics.LaneTopics;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaneConfigTest {

  @Test
  void defaultsGiveTheLaneItsOwnGroup() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

    assertThat(lane.groupId()).isEqualTo("lanes.batch");
    assertThat(lane.ordering()).isEqualTo(OrderingMode.KEY);
    assertThat(lane.maxInFlight()).isGreaterThanOrEqualTo(lane.concurrency());
  }

  @Test
  void withersCopyAndLeaveTheOriginalAlone() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

    LaneConfig changed = lane.withConcurrency(2).withOrdering(OrderingMode.UNORDERED);

    assertThat(changed.concurrency()).isEqualTo(2);
    assertThat(changed.ordering()).isEqualTo(OrderingMode.UNORDERED);
    assertThat(lane.concurrency()).isEqualTo(8);
    assertThat(lane.ordering()).isEqualTo(OrderingMode.KEY);
  }

  @Test
  void validationNamesTheFieldAndTheValue() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

    assertThatThrownBy(() -> lane.withConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be >= 1, was 0");
    assertThatThrownBy(() -> lane.withMaxInFlight(10, -1))
        .hasMessage("maxInFlightPerPartition must be >= 1, was -1");
    assertThatThrownBy(() -> lane.withCommitInterval(Duration.ZERO))
        .hasMessage("commitInterval must be > 0, was PT0S");
    assertThatThrownBy(() -> lane.withShutdownGrace(Duration.ofSeconds(-1)))
        .hasMessage("shutdownGrace must be >= 0, was PT-1S");
    assertThatThrownBy(() -> LaneConfig.of(" ", "tasks.batch"))
        .hasMessage("name must not be blank, was  ");
  }

  @Test
  void pollersDefaultToOneAndMustBeBetweenOneAndSixtyFour() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

    assertThat(lane.pollers()).isEqualTo(LaneConfig.DEFAULT_POLLERS);
    assertThat(lane.withPollers(64).pollers()).isEqualTo(64);
    assertThatThrownBy(() -> lane.withPollers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollers must be in 1..64, was 0");
    assertThatThrownBy(() -> lane.withPollers(65)).hasMessage("pollers must be in 1..64, was 65");
  }

  @Test
  void pollersShareTheInFlightLimitSoTheLaneBoundStaysTheSame() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch").withMaxInFlight(10, 10).withPollers(3);

    assertThat(lane.maxInFlightOfPoller(0)).isEqualTo(4);
    assertThat(lane.maxInFlightOfPoller(1)).isEqualTo(3);
    assertThat(lane.maxInFlightOfPoller(2)).isEqualTo(3);
    assertThatThrownBy(() -> lane.maxInFlightOfPoller(3))
        .hasMessage("poller index must be in 0..2, was 3");
  }

  @Test
  void everyPollerNeedsAtLeastOneTaskInFlight() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch").withPollers(3);

    assertThatThrownBy(() -> lane.withMaxInFlight(2, 2))
        .hasMessage("maxInFlight must be >= pollers (3, which share it), was 2");
  }

  @Test
  void realtimeHasHighPriorityAndATwoSecondObjectiveAndBatchLowPriorityAndNone() {
    LaneConfig realtime = LaneConfig.of("realtime", "tasks.realtime");
    LaneConfig batch = LaneConfig.of("batch", "tasks.batch");
    LaneConfig other = LaneConfig.of("reports", "tasks.reports");

    assertThat(realtime.priority()).isEqualTo(Priority.HIGH);
    assertThat(realtime.maxWait()).contains(Duration.ofSeconds(2));
    assertThat(batch.priority()).isEqualTo(Priority.LOW);
    assertThat(batch.maxWait()).isEmpty();
    assertThat(other.priority()).isEqualTo(Priority.NORMAL);
    assertThat(batch.yieldFloor()).isEqualTo(1);
    assertThat(batch.withYieldFloor(0).yieldFloor()).isZero();
  }

  @Test
  void yieldSettingsNameTheBadValue() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch").withConcurrency(4);

    assertThatThrownBy(() -> lane.withYieldFloor(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("yieldFloor must be <= concurrency (4), was 5");
    assertThatThrownBy(() -> lane.withYieldFloor(-1)).hasMessage("yieldFloor must be >= 0, was -1");
    assertThatThrownBy(() -> lane.withMaxWait(Duration.ZERO))
        .hasMessage("maxWait must be > 0, was PT0S");
  }

  @Test
  void retryAndDeadLetterTopicsFollowTheCatalogRuleAndThePolicysLadder() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

    assertThat(lane.retryTopics())
        .containsExactly("tasks.batch.retry.1", "tasks.batch.retry.2", "tasks.batch.retry.3");
    assertThat(lane.deadLetterTopic()).isEqualTo("tasks.batch.dlt");
    assertThat(lane.allTopics())
        .containsExactly(
            "tasks.batch",
            "tasks.batch.retry.1",
            "tasks.batch.retry.2",
            "tasks.batch.retry.3",
            "tasks.batch.dlt");

    LaneConfig fixed = lane.withRetry(RetryPolicy.of(5, Backoff.fixed(Duration.ofSeconds(1))));
    assertThat(fixed.retryTopics()).containsExactly("tasks.batch.retry.1");
    assertThat(lane.withRetry(RetryPolicy.noRetries()).allTopics())
        .containsExactly("tasks.batch", "tasks.batch.dlt");
  }

  @Test
  void catalogLaneAndConfigAgreeOnTopicNames() {
    LaneTopics topics = TopicCatalog.defaults().lane(TopicCatalog.REALTIME);

    LaneConfig lane = LaneConfig.of(topics);

    assertThat(lane.allTopics())
        .containsExactlyElementsOf(topics.allTopics().stream().map(TopicSpec::name).toList());
  }

  @Test
  void maxTaskAgeIsOptionalAndMustBePositiveNamingTheValue() {
    LaneConfig lane = LaneConfig.of("batch", "tasks.batch");

    assertThat(lane.maxTaskAge()).isNull();
    assertThat(lane.withMaxTaskAge(Duration.ofMinutes(5)).maxTaskAge())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(lane.withMaxTaskAge(Duration.ofMinutes(5)).withMaxTaskAge(null).maxTaskAge())
        .isNull();
    assertThatThrownBy(() -> lane.withMaxTaskAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTaskAge must be > 0, was PT0S");
    assertThatThrownBy(() -> lane.withMaxTaskAge(Duration.ofSeconds(-1)))
        .hasMessage("maxTaskAge must be > 0, was PT-1S");
  }
}
