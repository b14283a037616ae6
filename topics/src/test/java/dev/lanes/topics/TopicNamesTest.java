package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

  @Test
  void mainTopicIsTasksDotLane() {
    assertThat(TopicNames.main("realtime")).isEqualTo("tasks.realtime");
  }

  @Test
  void mainTopicRejectsIllegalLaneNameNamingTheValue() {
    assertThatThrownBy(() -> TopicNames.main("Real_time"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane must match [a-z0-9-]+, was 'Real_time'");
  }

  @Test
  void retryTopicAppendsItsNumberToTheMainTopicName() {
    assertThat(TopicNames.retry("tasks.realtime", 1)).isEqualTo("tasks.realtime.retry.1");
    assertThat(TopicNames.retry("tasks.realtime", 12)).isEqualTo("tasks.realtime.retry.12");
  }

  @Test
  void failureTopicsOfACustomMainTopicDeriveFromThatName() {
    assertThat(TopicNames.retry("orders-xyz", 1)).isEqualTo("orders-xyz.retry.1");
    assertThat(TopicNames.deadLetter("orders-xyz")).isEqualTo("orders-xyz.dlt");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void retryTopicNumbersStartAtOne(int number) {
    assertThatThrownBy(() -> TopicNames.retry("tasks.realtime", number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number must be >= 1, was " + number + " (main topic tasks.realtime)");
  }

  @Test
  void deadLetterTopicAppendsDltToTheMainTopicName() {
    assertThat(TopicNames.deadLetter("tasks.realtime")).isEqualTo("tasks.realtime.dlt");
  }

  @Test
  void replayLogSitsNextToTheDeadLetterTopic() {
    assertThat(TopicNames.replayLog("tasks.realtime")).isEqualTo("tasks.realtime.dlt.replayed");
    assertThat(TopicNames.replayLog("orders-xyz")).isEqualTo("orders-xyz.dlt.replayed");
  }

  @Test
  void failureTopicsNeedAMainTopic() {
    assertThatThrownBy(() -> TopicNames.retry(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mainTopic");
    assertThatThrownBy(() -> TopicNames.deadLetter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mainTopic");
    assertThatThrownBy(() -> TopicNames.replayLog(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mainTopic");
  }
}
