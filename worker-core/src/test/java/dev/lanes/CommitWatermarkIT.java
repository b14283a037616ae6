package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@KafkaTest
class CommitWatermarkIT {

  private static final int SLOW_OFFSET = 10;
  private static final int RECORDS = 60;

  @Test
  void committedOffsetStaysAtASlowRecordUntilItFinishes(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.watermark");
    kafka.createTopic(topic, 1);
    TopicPartition partition = new TopicPartition(topic, 0);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      // Distinct keys: under KEY ordering nothing waits for the slow record but its commit.
      String type = i == SLOW_OFFSET ? "slow" : "fast";
      records.add(TaskRecords.task(topic, "key-" + i, "task-" + i, type));
    }
    kafka.send(topic, records);

    CountDownLatch release = new CountDownLatch(1);
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("slow", journal.recording((task, context) -> release.await()))
            .register("fast", journal.recording((task, context) -> {}))
            .build();
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic).withConcurrency(4);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      try {
        awaitWatermarkHeldThenReleased(kafka, lane, partition, journal, release);
      } finally {
        release.countDown(); // a failed wait must not leave close() waiting on the slow task
      }
    }
    assertThat(journal.count()).isEqualTo(RECORDS);
  }

  private static void awaitWatermarkHeldThenReleased(
      TestKafka kafka,
      LaneConfig lane,
      TopicPartition partition,
      TaskJournal journal,
      CountDownLatch release) {
    await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == RECORDS - 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> committed(kafka, lane, partition) == SLOW_OFFSET);
    // Several commit intervals pass with everything after the slow record finished.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> committed(kafka, lane, partition) == SLOW_OFFSET);

    release.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> committed(kafka, lane, partition) == RECORDS);
  }

  private static long committed(TestKafka kafka, LaneConfig lane, TopicPartition partition) {
    return kafka.committedOffsets(lane.groupId()).getOrDefault(partition, -1L);
  }
}
