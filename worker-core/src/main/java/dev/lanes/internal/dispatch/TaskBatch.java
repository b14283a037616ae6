package dev.lanes.internal.dispatch;

import dev.lanes.internal.invoke.BatchTally;
import dev.lanes.internal.invoke.ForwardRequest;
import dev.lanes.internal.invoke.Outcome;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.PartitionOffsets;
import dev.lanes.internal.offsets.PartitionState;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A run of consecutive records of one partition that one worker handles in order: the unit of
 * hand-over between the poll thread and the lane's pool. Batching keeps the hand-over cost (a queue
 * operation and a thread wake-up) off each record when records need no ordering between them or
 * share a key anyway.
 */
final class TaskBatch implements Runnable, Completion, ConcurrencyLimit.RunAware {

  private final LaneExecution execution;
  private final PartitionState partition;
  private final List<ConsumerRecord<byte[], byte[]>> records;
  private final int from;
  private final int to;
  private final Object chainKey;

  /** The batch of the same key admitted after this one; guarded by the partition's chains. */
  TaskBatch next;

  /**
   * Records of this batch handled so far, from {@code from}. Written by the worker, read by the
   * poll thread after the hand-back through the completion queue, which orders the two.
   */
  private int processed;

  /** Which of the processed records went to a forward, which finishes them on its own. */
  private BitSet forwarded;

  private int forwardedCount;

  TaskBatch(
      LaneExecution execution,
      PartitionState partition,
      List<ConsumerRecord<byte[], byte[]>> records,
      int from,
      int to,
      Object chainKey) {
    this.execution = execution;
    this.partition = partition;
    this.records = records;
    this.from = from;
    this.to = to;
    this.chainKey = chainKey;
  }

  @Override
  public PartitionState partition() {
    return partition;
  }

  Object chainKey() {
    return chainKey;
  }

  int size() {
    return to - from;
  }

  /** The batch's records except those out for forwarding, whose completions come on their own. */
  @Override
  public int records() {
    return size() - forwardedCount;
  }

  /**
   * Marks handled records finished; skipped and forwarded ones stay open here. The records between
   * two forwarded ones were polled together, so each such run is finished as one step.
   */
  @Override
  public void finishOffsets() {
    PartitionOffsets offsets = partition.offsets();
    int end = from + processed;
    int runStart = from;
    for (int i = from; i <= end; i++) {
      if (i == end || (forwarded != null && forwarded.get(i - from))) {
        if (i > runStart) {
          offsets.finishRun(
              records.get(runStart).offset(), records.get(i - 1).offset(), i - runStart);
        }
        runStart = i + 1;
      }
    }
  }

  @Override
  public void run() {
    BatchTally tally = null;
    boolean ended = false;
    try {
      // A stopping worker leaves batches above the work it already started to the next owner.
      StartGate gate = partition.startGate();
      if (!gate.tryStart(records.get(from).offset(), records.get(to - 1).offset())) {
        gate.leftUnstarted(size());
        return;
      }
      tally = execution.invoker().tally();
      for (int i = from; i < to; i++) {
        // A revoked partition's records now belong to another member, a blocked one's wait for
        // its dependency: leave them.
        if (partition.isRevoked() || partition.isBlocked()) {
          break;
        }
        ConsumerRecord<byte[], byte[]> record = records.get(i);
        Outcome outcome =
            execution
                .invoker()
                .invoke(record, partition.waitedOnDependency(record.timestamp()), tally);
        if (outcome instanceof ForwardRequest failure) {
          // Marked before the send: the acknowledgement may reach the poll thread before this
          // batch does, and must not be counted twice.
          markForwarded(i - from);
          execution.forwarder().start(execution.pendingForward(partition, record, failure));
        } else if (outcome instanceof Outcome.AwaitDependency wait) {
          // This record and the rest of the partition's unstarted ones stay unfinished; the
          // partition is paused and fetched again from here once the dependency recovers.
          partition.block(wait.dependency());
          break;
        } else if (outcome != null) {
          break;
        }
        processed++;
      }
      ended = true;
    } finally {
      if (tally != null) {
        tally.batchEnded(!ended);
      }
      execution.completions().add(this);
      if (chainKey != null) {
        startNextOfChain();
      }
    }
  }

  @Override
  public void runEnded() {
    execution.invoker().publishTally();
  }

  private void markForwarded(int index) {
    if (forwarded == null) {
      forwarded = new BitSet(size());
    }
    forwarded.set(index);
    forwardedCount++;
  }

  private void startNextOfChain() {
    TaskBatch nextOfKey = partition.chains().finish(chainKey, this);
    if (nextOfKey == null) {
      return;
    }
    try {
      execution.executor().execute(nextOfKey);
    } catch (RejectedExecutionException e) {
      // The lane is shutting down past its grace period: the rest of this chain is abandoned,
      // uncommitted, and will run again on the next owner of the partition.
      execution.completions().add(nextOfKey);
    }
  }
}
