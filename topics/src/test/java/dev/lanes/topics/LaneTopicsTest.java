package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneTopicsTest {

  private static final TopicSpec MAIN = TopicSpec.of("tasks.emails", 3, (short) 1);
  private static final TopicSpec RETRY_1 = TopicSpec.of("tasks.emails.retry.1", 3, (short) 1);
  private static final TopicSpec RETRY_2 = TopicSpec.of("tasks.emails.retry.2", 3, (short) 1);
  private static final TopicSpec DLT = TopicSpec.of("tasks.emails.dlt", 3, (short) 1);

  private static final LaneTopics EMAILS =
      new LaneTopics("emails", MAIN, List.of(RETRY_1, RETRY_2), DLT);

  @ParameterizedTest
  @ValueSource(strings = {"", "Batch", "batch.slow", "batch_slow", "batch slow"})
  void rejectsLaneNamesOutsideLowercaseDigitsAndDashesNamingTheValue(String lane) {
    assertThatThrownBy(() -> new LaneTopics(lane, MAIN, List.of(), DLT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane must match [a-z0-9-]+, was '" + lane + "'");
  }

  @Test
  void acceptsLowercaseDigitsAndDashes() {
    assertThat(new LaneTopics("bulk-2", MAIN, List.of(), DLT).lane()).isEqualTo("bulk-2");
  }

  @Test
  void rejectsMissingMainTopic() {
    assertThatThrownBy(() -> new LaneTopics("emails", null, List.of(), DLT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("main");
  }

  @Test
  void rejectsMissingDeadLetterTopic() {
    assertThatThrownBy(() -> new LaneTopics("emails", MAIN, List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("deadLetter");
  }

  @Test
  void rejectsNullRetryTopicNamingTheLane() {
    List<TopicSpec> retries = Arrays.asList(RETRY_1, null);

    assertThatThrownBy(() -> new LaneTopics("emails", MAIN, retries, DLT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retries must not contain null (lane emails)");
  }

  @Test
  void copiesRetryTopicsSoLaterChangesToTheSourceDoNotLeakIn() {
    List<TopicSpec> retries = new ArrayList<>(List.of(RETRY_1));
    LaneTopics lane = new LaneTopics("emails", MAIN, retries, DLT);

    retries.add(RETRY_2);

    assertThat(lane.retries()).containsExactly(RETRY_1);
    assertThatThrownBy(() -> lane.retries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsRetryTopicWithAnotherPartitionCountNamingEachTopicAndCount() {
    TopicSpec narrowRetry = RETRY_2.withPartitions(1);

    assertThatThrownBy(() -> new LaneTopics("emails", MAIN, List.of(RETRY_1, narrowRetry), DLT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "lane emails cannot run: its topics must all exist with the same partition count;"
                + " tasks.emails=3, tasks.emails.retry.1=3, tasks.emails.retry.2=1,"
                + " tasks.emails.dlt=3");
  }

  @Test
  void rejectsDeadLetterTopicWithAnotherPartitionCount() {
    assertThatThrownBy(() -> new LaneTopics("emails", MAIN, List.of(), DLT.withPartitions(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lane emails")
        .hasMessageContaining("tasks.emails=3, tasks.emails.dlt=6");
  }

  @Test
  void allTopicsAreMainThenRetriesInOrderThenDeadLetter() {
    assertThat(EMAILS.allTopics()).containsExactly(MAIN, RETRY_1, RETRY_2, DLT);
  }

  @Test
  void laneWithoutRetryTopicsHasMainAndDeadLetter() {
    assertThat(new LaneTopics("emails", MAIN, List.of(), DLT).allTopics())
        .containsExactly(MAIN, DLT);
  }

  @Test
  void retryTopicsCountFromOne() {
    assertThat(EMAILS.retryTopic(1)).isEqualTo(RETRY_1);
    assertThat(EMAILS.retryTopic(2)).isEqualTo(RETRY_2);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void retryTopicOutsideTheLanesRetriesIsRejectedNamingTheRange(int number) {
    assertThatThrownBy(() -> EMAILS.retryTopic(number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry topic number must be 1..2, was " + number + " (lane emails)");
  }

  @Test
  void retryTopicNamesFollowTheRetryOrder() {
    assertThat(EMAILS.retryTopicNames())
        .containsExactly("tasks.emails.retry.1", "tasks.emails.retry.2");
  }

  @Test
  void withPartitionsChangesEveryTopicOfTheLane() {
    LaneTopics changed = EMAILS.withPartitions(9);

    assertThat(changed.allTopics()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(9));
    assertThat(changed.allTopics()).hasSize(4);
    assertThat(EMAILS.allTopics()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(3));
  }

  @Test
  void withEachTopicChangesEveryTopicOfTheLane() {
    LaneTopics changed = EMAILS.withEachTopic(topic -> topic.withConfig("retention.ms", "1000"));

    assertThat(changed.allTopics())
        .hasSize(4)
        .allSatisfy(t -> assertThat(t.config("retention.ms")).contains("1000"));
    assertThat(EMAILS.main().config("retention.ms")).isEmpty();
  }

  @Test
  void withEachTopicCannotLeaveTheLaneWithDisagreeingPartitionCounts() {
    assertThatThrownBy(
            () ->
                EMAILS.withEachTopic(
                    topic -> topic == DLT ? topic.withPartitions(1) : topic.withPartitions(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tasks.emails.dlt=1");
  }
}
