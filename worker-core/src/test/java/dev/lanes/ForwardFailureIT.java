package dev.lanes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@KafkaTest
class ForwardFailureIT {

  @Test
  void whileTheDeadLetterTopicIsMissingTheSourceOffsetWaitsAndTheRecordArrivesWhenItReturns(
      TestKafka kafka) throws Exception {
    String topic = kafka.uniqueName("tasks.nodlt");
    kafka.createTopic(topic, 1);
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("work", journal.recording((task, context) -> {}))
            .build();
    LaneConfig lane = TestRuntimes.lane(kafka, "nodlt", topic);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);

    try (LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .meterRegistry(registry)
            // Fail fast on the missing topic so the test sees several failed forwards.
            .producerProperty("max.block.ms", 1000)
            .lane(lane)
            .build()
            .start()) {
      kafka.admin().deleteTopics(List.of(lane.deadLetterTopic())).all().get();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !kafka.topicExists(lane.deadLetterTopic()));

      List<ProducerRecord<String, String>> records = new ArrayList<>();
      records.add(TaskRecords.task(topic, null, "good-0", "work"));
      records.add(TaskRecords.raw(topic, "poison {"));
      for (int i = 1; i <= 4; i++) {
        records.add(TaskRecords.task(topic, null, "good-" + i, "work"));
      }
      kafka.send(topic, records);

      await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == 5);
      await().atMost(Duration.ofSeconds(30)).until(() -> forwardFailures(registry) >= 2);
      // Everything after the poison pill is done, but the commit cannot pass it: on a crash now,
      // the pill would be read again, not lost. Holds over several commit intervals.
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Long.valueOf(1)
                      .equals(
                          kafka
                              .committedOffsets(lane.groupId())
                              .get(new TopicPartition(topic, 0))));

      kafka.createTopic(lane.deadLetterTopic(), 1);
      ConsumerRecord<byte[], byte[]> deadLetter =
          DeadLetters.read(kafka, lane.deadLetterTopic(), 1, Duration.ofSeconds(60)).get(0);
      assertThat(new String(deadLetter.value(), UTF_8)).isEqualTo("poison {");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  kafka.committedOffsets(lane.groupId()).get(new TopicPartition(topic, 0))
                      == records.size());
    }
    assertThat(journal.ids())
        .containsExactlyInAnyOrder("good-0", "good-1", "good-2", "good-3", "good-4");
    assertThat(journal.count()).isEqualTo(5);
  }

  private static double forwardFailures(SimpleMeterRegistry registry) {
    return registry.get(MetricNames.FORWARD_FAILURES).counter().count();
  }
}
