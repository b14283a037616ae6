package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneTopicsTest {

  private static final TopicSpec MAIN = TopicSpec.of("tasks.emails", 3, (short) 1);

  @ParameterizedTest
  @ValueSource(strings = {"", "Batch", "batch.slow", "batch_slow", "batch slow"})
  void rejectsLaneNamesOutsideLowercaseDigitsAndDashesNamingTheValue(String lane) {
    assertThatThrownBy(() -> new LaneTopics(lane, MAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane must match [a-z0-9-]+, was '" + lane + "'");
  }

  @Test
  void acceptsLowercaseDigitsAndDashes() {
    assertThat(new LaneTopics("bulk-2", MAIN).lane()).isEqualTo("bulk-2");
  }

  @Test
  void rejectsMissingMainTopic() {
    assertThatThrownBy(() -> new LaneTopics("emails", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("main");
  }

  @Test
  void allTopicsStartsWithTheMainTopic() {
    assertThat(new LaneTopics("emails", MAIN).allTopics()).containsExactly(MAIN);
  }

  @Test
  void withEachTopicChangesEveryTopicOfTheLane() {
    LaneTopics lane = new LaneTopics("emails", MAIN);

    LaneTopics changed = lane.withEachTopic(topic -> topic.withPartitions(9));

    assertThat(changed.allTopics()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(9));
    assertThat(lane.main().partitions()).isEqualTo(3);
  }
}
