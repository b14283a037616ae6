package dev.lanes.internal.offsets;

import dev.lanes.internal.dispatch.KeyedChains;
import dev.lanes.internal.dispatch.StartGate;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;

/**
 * What the lane knows about one partition it owns. Offsets, counts and pause state belong to the
 * poll thread; workers read only {@link #isRevoked()} and use {@link #chains()} and {@link
 * #startGate()}.
 */
public final class PartitionState {

  private final TopicPartition topicPartition;
  private final PartitionOffsets offsets;
  private final KeyedChains chains = new KeyedChains();
  private final StartGate startGate = new StartGate();
  private final boolean holdsRetries;
  private volatile boolean revoked;
  private final AtomicReference<String> blockedOn = new AtomicReference<>();
  // When the partition's last wait on a dependency ended (epoch ms); written by the poll thread,
  // read by workers.
  private volatile long dependencyWaitEndedMillis = Long.MIN_VALUE;
  private boolean rewound;
  private int outstanding;
  private boolean paused;
  private boolean windowFull;
  private long waitingUntilMillis;

  public PartitionState(TopicPartition topicPartition, int initialWindow, boolean holdsRetries) {
    this.topicPartition = topicPartition;
    this.offsets = new PartitionOffsets(initialWindow);
    this.holdsRetries = holdsRetries;
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  public PartitionOffsets offsets() {
    return offsets;
  }

  public KeyedChains chains() {
    return chains;
  }

  /** Decides which batches may still start once the worker stops. */
  public StartGate startGate() {
    return startGate;
  }

  /** Records handed to workers and not yet handed back, whether they ran or were skipped. */
  public int outstanding() {
    return outstanding;
  }

  public void dispatched(int records) {
    outstanding += records;
  }

  void handedBack(int records) {
    outstanding -= records;
  }

  /** From now on, workers skip this partition's records that have not started. */
  public void revoke() {
    revoked = true;
  }

  public boolean isRevoked() {
    return revoked;
  }

  /**
   * A task of this partition waits for {@code dependency}: workers skip the partition's records
   * that have not started. The first dependency to block the partition is the one it waits on.
   */
  public void block(String dependency) {
    blockedOn.compareAndSet(null, dependency);
  }

  public boolean isBlocked() {
    return blockedOn.get() != null;
  }

  /** The dependency the partition waits on, or null. */
  public String blockedOn() {
    return blockedOn.get();
  }

  /** Whether the partition was sought back to its first unfinished record since it blocked. */
  public boolean isRewound() {
    return rewound;
  }

  public void rewound() {
    rewound = true;
  }

  /**
   * The dependency recovered at {@code nowMillis}: the partition may fetch and run again. Poll
   * thread only.
   */
  public void unblock(long nowMillis) {
    rewound = false;
    dependencyWaitEndedMillis = nowMillis;
    blockedOn.set(null);
  }

  /**
   * Whether a record produced at {@code timestampMillis} sat behind a wait of this partition on a
   * dependency: the partition waits now, or its last wait ended after the record was produced. Such
   * a record's wait says how long the dependency was away, not how busy the lane's threads were.
   */
  public boolean waitedOnDependency(long timestampMillis) {
    return isBlocked() || timestampMillis <= dependencyWaitEndedMillis;
  }

  public boolean isPaused() {
    return paused;
  }

  public void paused(boolean paused) {
    this.paused = paused;
  }

  /** True for a partition of a retry topic, whose records must wait for their due time. */
  public boolean holdsRetries() {
    return holdsRetries;
  }

  /** The head record is not due before {@code dueMillis}: fetch nothing from here until then. */
  public void waitUntil(long dueMillis) {
    waitingUntilMillis = dueMillis;
  }

  /** Whether the partition still waits for its head record at {@code nowMillis}. */
  public boolean isWaiting(long nowMillis) {
    if (waitingUntilMillis != 0 && nowMillis >= waitingUntilMillis) {
      waitingUntilMillis = 0;
    }
    return waitingUntilMillis != 0;
  }

  /** When the head record is due, or 0 when the partition waits for nothing. */
  public long waitingUntil() {
    return waitingUntilMillis;
  }

  /**
   * Whether the uncommitted window is too large to fetch more: full at {@code limit}, and stays
   * full until it drains to half of it, so fetching does not flap on every completion.
   */
  public boolean windowFull(int limit) {
    int window = offsets.window();
    if (!windowFull && window >= limit) {
      windowFull = true;
    } else if (windowFull && window <= limit / 2) {
      windowFull = false;
    }
    return windowFull;
  }
}
