package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaTest
class RetryWaitIT {

  private static final Duration LONG_WAIT = Duration.ofSeconds(12);

  @Test
  void whileARetryPartitionWaitsForItsHeadOtherPartitionsAndTheMainTopicKeepFlowing(
      TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.wait");
    kafka.createTopic(topic, 2);
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "later",
                log.handler(
                    (task, context) -> {
                      if (context.attempt() == 1) {
                        throw new RetryLaterException(LONG_WAIT, "rate limited");
                      }
                    }))
            .register(
                "twice",
                log.handler(
                    (task, context) -> {
                      if (context.attempt() <= 2) {
                        throw new IllegalStateException("not yet");
                      }
                    }))
            .register("work", log.handler((task, context) -> {}))
            .build();
    // Retry delays 300 ms and 3 s: two retry topics. The 12 s request goes to the second.
    LaneConfig lane =
        TestRuntimes.lane(kafka, "wait", topic)
            .withRetry(
                RetryPolicy.of(
                    3,
                    Backoff.exponential(Duration.ofMillis(300), 10, Duration.ofSeconds(3))
                        .withJitter(Jitter.NONE)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, lane)) {
      kafka.send(topic, List.of(onPartition(topic, 0, "later-1", "later")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  registry.get(MetricNames.TASKS_RETRIED).counter().count() == 1
                      && waitingPartitions(registry) == 1);
      long firstFailedAt = log.of("later-1").get(0).endMillis();

      List<ProducerRecord<String, String>> others = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        others.add(onPartition(topic, i % 2, "work-" + i, "work"));
      }
      for (int i = 0; i < 5; i++) {
        // Partition 1 only: on partition 0 of the second retry topic they would queue behind
        // the waiting head record, as they should.
        others.add(onPartition(topic, 1, "twice-" + i, "twice"));
      }
      kafka.send(topic, others);

      await().atMost(LONG_WAIT).until(() -> log.count() == 1 + 50 + 5 * 3);
      assertThat(System.currentTimeMillis() - firstFailedAt)
          .as("everything else finished while the head record waited")
          .isLessThan(LONG_WAIT.toMillis());
      assertThat(log.countOf("later-1")).isEqualTo(1);
      assertThat(waitingPartitions(registry)).isEqualTo(1);

      await().atMost(Duration.ofSeconds(30)).until(() -> log.countOf("later-1") == 2);
      long waited = log.of("later-1").get(1).startMillis() - firstFailedAt;
      assertThat(waited).as("the requested delay is honoured").isGreaterThanOrEqualTo(12_000);
      System.out.printf("requested delay 12000 ms, waited %d ms%n", waited);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(log.of("twice-" + i))
          .extracting(AttemptLog.Call::topic)
          .containsExactly(topic, lane.retryTopics().get(0), lane.retryTopics().get(1));
    }
    assertThat(log.of("later-1").get(1).topic()).isEqualTo(lane.retryTopics().get(1));
  }

  private static ProducerRecord<String, String> onPartition(
      String topic, int partition, String id, String type) {
    ProducerRecord<String, String> task = TaskRecords.task(topic, null, id, type);
    return new ProducerRecord<>(topic, partition, null, task.value());
  }

  private static double waitingPartitions(SimpleMeterRegistry registry) {
    return registry.get(MetricNames.RETRY_WAITING_PARTITIONS).gauge().value();
  }
}
