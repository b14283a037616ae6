package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

  private static final List<String> NAMES =
      List.of("tasks.realtime", "tasks.realtime.retry.1", "tasks.realtime.dlt");

  @Test
  void topicsThatAllExistWithOnePartitionCountHaveNoProblem() {
    Map<String, Integer> partitions =
        Map.of("tasks.realtime", 6, "tasks.realtime.retry.1", 6, "tasks.realtime.dlt", 6);

    assertThat(TopicLayout.problem("realtime", NAMES, partitions)).isEmpty();
  }

  @Test
  void topicsOutsideTheLaneDoNotMatter() {
    Map<String, Integer> partitions =
        Map.of(
            "tasks.realtime", 6,
            "tasks.realtime.retry.1", 6,
            "tasks.realtime.dlt", 6,
            "tasks.batch", 12);

    assertThat(TopicLayout.problem("realtime", NAMES, partitions)).isEmpty();
  }

  @Test
  void differingPartitionCountNamesEveryTopicAndItsCount() {
    Map<String, Integer> partitions =
        Map.of("tasks.realtime", 6, "tasks.realtime.retry.1", 6, "tasks.realtime.dlt", 3);

    assertThat(TopicLayout.problem("realtime", NAMES, partitions))
        .contains(
            "lane realtime cannot run: its topics must all exist with the same partition count;"
                + " tasks.realtime=6, tasks.realtime.retry.1=6, tasks.realtime.dlt=3");
  }

  @Test
  void missingTopicIsAProblemEvenWhenTheOthersAgree() {
    Map<String, Integer> partitions = Map.of("tasks.realtime", 6, "tasks.realtime.dlt", 6);

    assertThat(TopicLayout.problem("realtime", NAMES, partitions))
        .contains(
            "lane realtime cannot run: its topics must all exist with the same partition count;"
                + " tasks.realtime=6, tasks.realtime.retry.1=missing, tasks.realtime.dlt=6");
  }

  @Test
  void requireEachNamesEveryLaneWhoseTopicsDisagree() {
    LaneTopics realtime = TopicCatalog.defaults().lane(TopicCatalog.REALTIME);
    LaneTopics batch = TopicCatalog.defaults().lane(TopicCatalog.BATCH);
    Map<String, Integer> partitions = Map.of("tasks.realtime", 6, "tasks.batch", 12);

    assertThatThrownBy(() -> TopicLayout.requireEach(List.of(realtime, batch), partitions))
        .isInstanceOf(TopicLayoutException.class)
        .hasMessageContaining("lane realtime cannot run")
        .hasMessageContaining("tasks.realtime.dlt=missing")
        .hasMessageContaining("lane batch cannot run")
        .hasMessageContaining("tasks.batch.retry.3=missing");
  }
}
