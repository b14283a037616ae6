package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

@KafkaTest
class GracefulShutdownIT {

  private static final int TASKS = 400;

  @Test
  void closeFinishesInFlightTasksCommitsThemAndARestartRepeatsNothing(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.shutdown");
    kafka.createTopic(topic, 2);
    kafka.send(topic, TaskRecords.tasks(topic, "task", "work", TASKS));
    // A small in-flight limit leaves a backlog behind when the stop comes.
    LaneConfig lane =
        TestRuntimes.lane(kafka, "batch", topic).withConcurrency(4).withMaxInFlight(40, 40);

    Set<String> started = ConcurrentHashMap.newKeySet();
    TaskJournal first = new TaskJournal();
    LanesRuntime runtime = TestRuntimes.start(kafka, handlers(first, started), lane);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.count() >= 40);
    runtime.close();

    assertThat(first.count()).as("stopped before the backlog was done").isLessThan(TASKS);
    assertCleanStopAndRestart(kafka, lane, first, started);
  }

  @Test
  void closeLeavesPolledTasksThatHaveNotStartedToTheNextOwner(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.shutdown-gate");
    kafka.createTopic(topic, 2);
    kafka.send(topic, TaskRecords.tasks(topic, "task", "work", TASKS));
    // The default in-flight limit polls the whole backlog at once; two threads run it slowly.
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic).withConcurrency(2);

    Set<String> started = ConcurrentHashMap.newKeySet();
    TaskJournal first = new TaskJournal();
    LanesRuntime runtime = TestRuntimes.start(kafka, handlers(first, started), lane);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.count() >= 10);
    runtime.close();

    // Finishing every polled task would have run all of them before stopping.
    assertThat(first.count()).as("the stop ran only what had started").isLessThan(TASKS / 2);
    assertCleanStopAndRestart(kafka, lane, first, started);
  }

  @Test
  void aShutdownGraceLongerThanMaxPollIntervalStillCommitsTheFinishedWork(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.longshutdown");
    kafka.createTopic(topic, 1);
    kafka.send(topic, TaskRecords.tasks(topic, "task", "slow", 4));
    LaneConfig lane =
        TestRuntimes.lane(kafka, "batch", topic)
            .withConcurrency(4)
            .withOrdering(OrderingMode.UNORDERED)
            .withShutdownGrace(Duration.ofSeconds(30));
    Set<String> started = ConcurrentHashMap.newKeySet();
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "slow",
                journal.recording(
                    (task, context) -> {
                      started.add(task.id());
                      Thread.sleep(4_000); // twice max.poll.interval.ms
                    }))
            .build();
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);

    LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .lane(lane)
            .consumerProperty("max.poll.interval.ms", 2_000)
            // The rebalance timeout is max.poll.interval.ms: a member hears of a rebalance
            // (another worker joining) by heartbeat, so heartbeats must come well within it.
            .consumerProperty("heartbeat.interval.ms", 300)
            .build()
            .start();
    await().atMost(Duration.ofSeconds(30)).until(() -> started.size() == 4);
    runtime.close();

    assertThat(journal.count()).isEqualTo(4);
    assertThat(TestRuntimes.committedTotal(kafka, lane.groupId()))
        .as("the member was still in its group when it committed")
        .isEqualTo(4);
  }

  /**
   * Every started task finished and was committed, nothing else was; a restart runs exactly the
   * rest.
   */
  private static void assertCleanStopAndRestart(
      TestKafka kafka, LaneConfig lane, TaskJournal first, Set<String> started) {
    assertThat(first.ids()).as("every started task finished").isEqualTo(started);
    assertThat(TestRuntimes.committedTotal(kafka, lane.groupId()))
        .as("committed offsets cover exactly the finished tasks")
        .isEqualTo(first.count());

    TaskJournal second = new TaskJournal();
    try (LanesRuntime restarted = TestRuntimes.start(kafka, handlers(second, started), lane)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> first.count() + second.count() >= TASKS);
    }
    Set<String> repeated = new HashSet<>(first.ids());
    repeated.retainAll(second.ids());
    assertThat(repeated).as("tasks processed again after a clean restart").isEmpty();
    assertThat(first.count() + second.count()).isEqualTo(TASKS);
  }

  private static HandlerRegistry handlers(TaskJournal journal, Set<String> started) {
    return HandlerRegistry.builder()
        .register(
            "work",
            journal.recording(
                (task, context) -> {
                  started.add(task.id());
                  Thread.sleep(20);
                }))
        .build();
  }
}
