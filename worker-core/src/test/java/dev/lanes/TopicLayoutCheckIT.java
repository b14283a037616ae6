package dev.lanes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicLayoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

@KafkaTest
class TopicLayoutCheckIT {

  private final HandlerRegistry handlers =
      HandlerRegistry.builder().register("work", (task, context) -> {}).build();

  @Test
  void aLaneWhoseDeadLetterTopicHasOtherPartitionsDoesNotStart(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.layout");
    kafka.createTopic(topic, 3);
    LaneConfig lane = TestRuntimes.lane(kafka, "layout", topic);
    kafka.createTopics(lane.retryTopics(), 3);
    kafka.createTopic(lane.deadLetterTopic(), 1);

    assertThatThrownBy(() -> start(kafka, lane))
        .isInstanceOf(TopicLayoutException.class)
        .hasMessageContaining("lane layout cannot run")
        .hasMessageContaining(topic + "=3")
        .hasMessageContaining(lane.deadLetterTopic() + "=1");
  }

  @Test
  void aLaneWithAMissingRetryTopicDoesNotStart(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.layout");
    kafka.createTopic(topic, 2);
    LaneConfig lane = TestRuntimes.lane(kafka, "layout", topic);
    kafka.createTopics(List.of(lane.retryTopics().get(0), lane.deadLetterTopic()), 2);

    assertThatThrownBy(() -> start(kafka, lane))
        .isInstanceOf(TopicLayoutException.class)
        .hasMessageContaining(lane.retryTopics().get(1) + "=missing");
  }

  private void start(TestKafka kafka, LaneConfig lane) {
    LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .lane(lane)
            .build();
    // start() releases the lane's clients itself when it refuses.
    runtime.start();
    runtime.close();
  }
}
