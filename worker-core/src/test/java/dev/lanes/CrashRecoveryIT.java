package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@KafkaTest
class CrashRecoveryIT {

  private static final int TASKS = 2_000;

  @Test
  void everyTaskIsProcessedAtLeastOnceWhenAWorkerDiesMidBacklog(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.crash");
    kafka.createTopic(topic, 4);
    kafka.send(topic, TaskRecords.tasks(topic, "task", "work", TASKS));
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic).withConcurrency(2);

    TaskJournal first = new TaskJournal();
    LanesRuntime crashed = TestRuntimes.start(kafka, handlers(first), lane);
    await().atMost(Duration.ofSeconds(60)).until(() -> first.count() >= TASKS / 4);
    crashed.halt();
    long committedAtCrash = TestRuntimes.committedTotal(kafka, lane.groupId());
    assertThat(first.count()).as("the crash came mid-backlog").isLessThan(TASKS);

    TaskJournal second = new TaskJournal();
    try (LanesRuntime successor = TestRuntimes.start(kafka, handlers(second), lane)) {
      Set<String> expected =
          IntStream.range(0, TASKS).mapToObj(i -> "task-" + i).collect(Collectors.toSet());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> TaskJournal.union(first, second).containsAll(expected));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> TestRuntimes.committedTotal(kafka, lane.groupId()) == TASKS);
    }
    assertThat(TaskJournal.union(first, second)).hasSize(TASKS);
    // The successor resumed from the crashed worker's last commit, not from the beginning.
    assertThat(second.count()).isLessThanOrEqualTo(TASKS - (int) committedAtCrash);
  }

  private static HandlerRegistry handlers(TaskJournal journal) {
    return HandlerRegistry.builder()
        .register("work", journal.recording((task, context) -> LockSupport.parkNanos(2_000_000)))
        .build();
  }
}
