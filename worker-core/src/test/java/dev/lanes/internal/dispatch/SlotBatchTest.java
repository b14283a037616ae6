package dev.lanes.internal.dispatch;

import static dev.lanes.internal.dispatch.DispatcherTest.keyInAnotherSlot;
import static dev.lanes.internal.dispatch.WorkerFixture.DB;
import static dev.lanes.internal.dispatch.WorkerFixture.FAIL;
import static dev.lanes.internal.dispatch.WorkerFixture.NOOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.OrderingMode;
import dev.lanes.internal.offsets.PartitionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batches of a key slot hold records with other batches' records between them: what they finish,
 * forward, leave blocked and leave unstarted must be exactly their own records.
 */
class SlotBatchTest {

  private static final int CONCURRENCY = 2;

  private final WorkerFixture lane = new WorkerFixture();
  private final PartitionState partition =
      new PartitionState(new TopicPartition("tasks.work", 0), 16, false);
  private final Dispatcher dispatcher =
      new Dispatcher(OrderingMode.KEY, CONCURRENCY, lane.execution);
  private final String a = "a";
  private final String b = keyInAnotherSlot(new KeySlots(CONCURRENCY), a);

  @AfterEach
  void close() {
    lane.close();
  }

  @Test
  void aForwardedRecordAndABlockedOneLeaveExactlyTheRightOffsetsUnfinished() {
    List<TaskBatch> batches =
        dispatch(
            lane.record(0, a, NOOP),
            lane.record(1, b, NOOP),
            lane.record(2, a, FAIL),
            lane.record(3, a, NOOP),
            lane.record(4, b, NOOP),
            lane.record(5, a, DB),
            lane.record(6, a, NOOP),
            lane.record(7, b, NOOP));
    TaskBatch slotOfA = batches.get(0).offset(0) == 0 ? batches.get(0) : batches.get(1);
    TaskBatch slotOfB = batches.get(0) == slotOfA ? batches.get(1) : batches.get(0);

    lane.run(List.of(slotOfB, slotOfA));
    lane.drainCompletions();

    // 2 failed and went to a retry topic, which finishes it; 5 waits for the db, and 6 behind it.
    assertThat(partition.isBlocked()).isTrue();
    assertThat(slotOfA.records()).isEqualTo(slotOfA.size() - 1);
    assertThat(WorkerFixture.unfinished(partition.offsets(), 0, 7)).containsExactly(5L, 6L);
  }

  @Test
  void recordsWithFollowingOffsetsInASlotBatchFinishTogetherAndTheRestOneByOne() {
    List<TaskBatch> batches =
        dispatch(
            lane.record(0, a, NOOP),
            lane.record(1, a, NOOP),
            lane.record(2, b, NOOP),
            lane.record(3, a, NOOP),
            lane.record(4, b, NOOP),
            lane.record(5, b, NOOP));

    lane.run(batches);
    lane.drainCompletions();

    assertThat(WorkerFixture.unfinished(partition.offsets(), 0, 5)).isEmpty();
    assertThat(partition.offsets().unfinished()).isZero();
  }

  @Test
  void aStoppingLaneStartsASlotBatchBelowStartedWorkAndLeavesLaterOnesUnstarted() {
    List<TaskBatch> first =
        dispatch(
            lane.record(0, a, NOOP),
            lane.record(1, b, NOOP),
            lane.record(2, a, NOOP),
            lane.record(3, b, NOOP));
    TaskBatch slotOfA = first.get(0).offset(0) == 0 ? first.get(0) : first.get(1);
    TaskBatch slotOfB = first.get(0) == slotOfA ? first.get(1) : first.get(0);
    lane.run(List.of(slotOfB));
    partition.startGate().close();
    List<TaskBatch> second = dispatch(lane.record(4, a, NOOP), lane.record(5, a, NOOP));

    // [0, 2] begins below offset 3, which started: it runs, so the final commit can pass it. The
    // next batch of its slot, [4, 5], lies wholly above started work: left to the next owner.
    lane.run(List.of(slotOfA));
    assertThat(second).as("waits behind [0, 2]").isEmpty();
    assertThat(lane.pool).hasSize(1);
    lane.run(List.of((TaskBatch) lane.pool.peek()));
    lane.drainCompletions();

    assertThat(partition.startGate().leftUnstarted()).isEqualTo(2);
    assertThat(WorkerFixture.unfinished(partition.offsets(), 0, 5)).containsExactly(4L, 5L);
  }

  @SafeVarargs
  private final List<TaskBatch> dispatch(ConsumerRecord<byte[], byte[]>... records) {
    int before = lane.pool.size();
    dispatcher.dispatch(partition, List.of(records));
    List<TaskBatch> started = new ArrayList<>();
    lane.pool.stream().skip(before).forEach(batch -> started.add((TaskBatch) batch));
    return started;
  }
}
