package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lanes.LaneConfig;
import dev.lanes.OrderingMode;
import dev.lanes.Priority;
import dev.lanes.RetryPolicy;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poll loop turn by turn on a {@code MockConsumer}: a clock the test moves, a pool the test
 * runs by hand, no threads and no sleeps.
 */
class PollLoopTest {

  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  // Four records in flight at most; unordered over four threads, so each record is its own batch.
  private static final LaneConfig CONFIG =
      new LaneConfig(
          "work",
          "tasks.work",
          "lanes.work",
          4,
          4,
          1000,
          OrderingMode.UNORDERED,
          RetryPolicy.defaults(),
          COMMIT_INTERVAL,
          // The loop waits at most this long for a completion while every partition is paused.
          Duration.ofMillis(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          null,
          Priority.NORMAL,
          Optional.empty(),
          1,
          1);

  private static final TopicPartition MAIN = new TopicPartition("tasks.work", 0);
  private static final TopicPartition OTHER = new TopicPartition("tasks.work", 1);

  private final LoopFixture lane = new LoopFixture(CONFIG);

  @AfterEach
  void close() {
    lane.close();
  }

  @Test
  void thePartitionSnapshotFollowsTheAssignmentAndThePausesWithoutWaitingForTheSecond()
      throws Exception {
    PollLoop loop = lane.joinedLoop(PollLoop.MAIN, List.of(CONFIG.topic()));
    lane.assign(MAIN, OTHER);
    lane.addTasks(MAIN, 0, 4);
    lane.addTasks(OTHER, 0, 1);

    loop.runOnce();
    assertThat(loop.partitionSnapshot().owned())
        .containsExactlyInAnyOrder("tasks.work-0", "tasks.work-1");
    assertThat(loop.partitionSnapshot().paused()).isEmpty();

    loop.runOnce();
    assertThat(lane.consumer.paused()).containsExactlyInAnyOrder(MAIN, OTHER);
    assertThat(loop.partitionSnapshot().paused())
        .extracting(PausedPartition::partition, PausedPartition::reason)
        .containsExactlyInAnyOrder(
            tuple("tasks.work-0", PausedPartition.BACKPRESSURE),
            tuple("tasks.work-1", PausedPartition.BACKPRESSURE));
  }

  @Test
  void theLanePausesEveryPartitionAtTheInFlightMarkAndResumesOnceHalfOfItFinished()
      throws Exception {
    PollLoop loop = lane.joinedLoop(PollLoop.MAIN, List.of(CONFIG.topic()));
    lane.assign(MAIN, OTHER);
    lane.addTasks(MAIN, 0, 4);
    lane.addTasks(OTHER, 0, 1);

    loop.runOnce();
    assertThat(loop.inFlight()).isEqualTo(5);
    loop.runOnce();
    assertThat(lane.consumer.paused()).containsExactlyInAnyOrder(MAIN, OTHER);

    lane.runOneWorker();
    lane.runOneWorker();
    loop.runOnce();
    assertThat(loop.inFlight()).as("3 in flight: above half of 4").isEqualTo(3);
    assertThat(lane.consumer.paused()).containsExactlyInAnyOrder(MAIN, OTHER);

    lane.runOneWorker();
    loop.runOnce();
    assertThat(loop.inFlight()).isEqualTo(2);
    assertThat(lane.consumer.paused()).as("half of the mark: fetching again").isEmpty();
  }

  @Test
  void aRetryNotYetDueIsSoughtBackAndItsPartitionWaitsPausedUntilItIsDue() throws Exception {
    String retryTopic = CONFIG.retryTopics().get(0);
    TopicPartition retry = new TopicPartition(retryTopic, 0);
    PollLoop loop = lane.joinedLoop(PollLoop.RETRY, CONFIG.retryTopics());
    lane.assign(retry);
    long due = LoopFixture.START_MILLIS + 5_000;
    lane.addRetry(retry, 0, LoopFixture.START_MILLIS - 1);
    lane.addRetry(retry, 1, due);
    lane.addRetry(retry, 2, LoopFixture.START_MILLIS - 1);

    loop.runOnce();
    assertThat(loop.inFlight()).as("only the due head record runs").isEqualTo(1);
    assertThat(lane.consumer.position(retry)).as("sought back to the first not due").isEqualTo(1);

    // MockConsumer hands out a record once; after the seek the broker serves them again.
    lane.addRetry(retry, 1, due);
    lane.addRetry(retry, 2, LoopFixture.START_MILLIS - 1);
    lane.runWorkers();
    loop.runOnce();
    assertThat(lane.consumer.paused()).containsExactly(retry);
    assertThat(loop.waitingPartitions()).isEqualTo(1);

    lane.millis.set(due - 1);
    loop.runOnce();
    assertThat(lane.consumer.paused())
        .as("a millisecond early: still waiting")
        .containsExactly(retry);

    lane.millis.set(due);
    loop.runOnce();
    assertThat(lane.consumer.paused()).isEmpty();
    assertThat(loop.waitingPartitions()).isZero();
    assertThat(loop.inFlight()).as("offsets 1 and 2 run once due").isEqualTo(2);
  }

  @Test
  void revokedPartitionsCommitTheirFinishedRecordsAtOnce() throws Exception {
    PollLoop loop = lane.joinedLoop(PollLoop.MAIN, List.of(CONFIG.topic()));
    lane.assign(MAIN);
    lane.addTasks(MAIN, 0, 3);
    loop.runOnce();
    lane.runWorkers();
    loop.runOnce();
    assertThat(lane.committed(MAIN)).as("the commit interval has not passed").isNull();

    lane.consumer.rebalance(List.of());

    assertThat(lane.committed(MAIN)).isEqualTo(3);
    assertThat(loop.assignedPartitions()).isZero();
  }

  @Test
  void lostPartitionsCommitNothingAndTheirLateCompletionsAreDropped() throws Exception {
    PollLoop loop = lane.joinedLoop(PollLoop.MAIN, List.of(CONFIG.topic()));
    lane.assign(MAIN);
    lane.addTasks(MAIN, 0, 3);
    loop.runOnce();

    lane.consumer.losePartitions(List.of(MAIN));
    lane.runWorkers();
    lane.nanos.addAndGet(COMMIT_INTERVAL.toNanos());
    loop.runOnce();
    lane.nanos.addAndGet(COMMIT_INTERVAL.toNanos());
    loop.runOnce();

    assertThat(loop.inFlight()).as("the completions came back").isZero();
    assertThat(lane.committed(MAIN)).as("another member may own it: nothing committed").isNull();
  }

  @Test
  void finishedRecordsAreCommittedOnceTheCommitIntervalPassed() throws Exception {
    PollLoop loop = lane.joinedLoop(PollLoop.MAIN, List.of(CONFIG.topic()));
    lane.assign(MAIN);
    lane.addTasks(MAIN, 0, 3);
    loop.runOnce();
    lane.runWorkers();
    loop.runOnce();
    assertThat(lane.committed(MAIN)).isNull();

    lane.nanos.addAndGet(COMMIT_INTERVAL.toNanos());
    loop.runOnce();

    assertThat(lane.committed(MAIN)).isEqualTo(3);
  }
}
