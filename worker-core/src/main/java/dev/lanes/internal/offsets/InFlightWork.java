package dev.lanes.internal.offsets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The lane's view of its work: the partitions it owns and how many records are out with workers or
 * on their way to a retry or dead-letter topic. Finished batches and acknowledged forwards come
 * back through a bounded queue; handing one back marks its records finished in their partition's
 * offsets, unless the partition changed owner meanwhile. Poll thread only, except the count, which
 * gauges read.
 */
public final class InFlightWork {

  private final BlockingQueue<Completion> completions;
  private final int initialWindow;
  private final Set<String> retryTopics;
  private final LongSupplier nanoClock;
  private final Map<TopicPartition, PartitionState> owned = new HashMap<>();
  private final List<Completion> drained = new ArrayList<>();
  private volatile int count;

  public InFlightWork(
      BlockingQueue<Completion> completions,
      int initialWindow,
      Set<String> retryTopics,
      LongSupplier nanoClock) {
    this.completions = completions;
    this.initialWindow = initialWindow;
    this.retryTopics = Set.copyOf(retryTopics);
    this.nanoClock = nanoClock;
  }

  /** Records handed to workers and not yet handed back. */
  public int count() {
    return count;
  }

  public Map<TopicPartition, PartitionState> owned() {
    return owned;
  }

  public Collection<PartitionState> partitions() {
    return owned.values();
  }

  /** The state of a partition this lane owns, or null. */
  public PartitionState partition(TopicPartition topicPartition) {
    return owned.get(topicPartition);
  }

  public void assigned(Collection<TopicPartition> partitions) {
    for (TopicPartition topicPartition : partitions) {
      owned.putIfAbsent(
          topicPartition,
          new PartitionState(
              topicPartition, initialWindow, retryTopics.contains(topicPartition.topic())));
    }
  }

  /** The owned ones among {@code partitions}. */
  public List<PartitionState> find(Collection<TopicPartition> partitions) {
    List<PartitionState> states = new ArrayList<>();
    for (TopicPartition topicPartition : partitions) {
      PartitionState partition = owned.get(topicPartition);
      if (partition != null) {
        states.add(partition);
      }
    }
    return states;
  }

  /** The lane is stopping: from now on no batch starts above the work already started. */
  public void closeStartGates() {
    for (PartitionState partition : owned.values()) {
      partition.startGate().close();
    }
  }

  /** Records the closed start gates refused so far: left, uncommitted, to the next owner. */
  public long leftUnstarted() {
    long left = 0;
    for (PartitionState partition : owned.values()) {
      left += partition.startGate().leftUnstarted();
    }
    return left;
  }

  /** Stops owning {@code partitions}: later completions of theirs are dropped. */
  public void forget(Collection<PartitionState> partitions) {
    partitions.forEach(partition -> owned.remove(partition.topicPartition()));
  }

  public void dispatched(int records) {
    count += records;
  }

  /** Hands back every batch that finished so far, without waiting. */
  public void drain() {
    completions.drainTo(drained);
    for (Completion completion : drained) {
      handBack(completion);
    }
    drained.clear();
  }

  /** Waits up to {@code millis} for one batch to finish, then hands back all that did. */
  public void awaitAny(long millis) throws InterruptedException {
    Completion finished = completions.poll(millis, TimeUnit.MILLISECONDS);
    if (finished != null) {
      handBack(finished);
      drain();
    }
  }

  /**
   * Hands back batches as they finish until at most {@code target} records are in flight, or {@code
   * millis} pass. The loop waits on the completion queue alone meanwhile.
   */
  public void awaitCountAtMost(int target, long millis) throws InterruptedException {
    long deadline = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis);
    long remaining;
    while (count > target && (remaining = deadline - nanoClock.getAsLong()) > 0) {
      Completion finished = completions.poll(remaining, TimeUnit.NANOSECONDS);
      if (finished == null) {
        return;
      }
      handBack(finished);
      drain();
    }
  }

  /** Hands back batches as they finish until {@code done} holds or the deadline passes. */
  public void awaitUntil(BooleanSupplier done, long deadlineNanos, long stepMillis)
      throws InterruptedException {
    while (!done.getAsBoolean() && nanoClock.getAsLong() - deadlineNanos < 0) {
      awaitAny(stepMillis);
    }
  }

  private void handBack(Completion completion) {
    int records = completion.records();
    count -= records;
    PartitionState partition = completion.partition();
    partition.handedBack(records);
    // A completion for a partition revoked or lost meanwhile is dropped: its new owner decides.
    if (owned.get(partition.topicPartition()) == partition) {
      completion.finishOffsets();
    }
  }
}
