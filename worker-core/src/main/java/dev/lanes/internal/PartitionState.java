package dev.lanes.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;

/**
 * What the lane knows about one partition it owns. Offsets, counts and pause state belong to the
 * poll thread; workers read only {@link #isRevoked()} and use {@link #chains()} and {@link
 * #startGate()}.
 */
final class PartitionState {

  private final TopicPartition topicPartition;
  private final PartitionOffsets offsets;
  private final KeyedChains chains = new KeyedChains();
  private final StartGate startGate = new StartGate();
  private final boolean holdsRetries;
  private volatile boolean revoked;
  private final AtomicReference<String> blockedOn = new AtomicReference<>();
  private boolean rewound;
  private int outstanding;
  private boolean paused;
  private boolean windowFull;
  private long waitingUntilMillis;

  PartitionState(TopicPartition topicPartition, int initialWindow, boolean holdsRetries) {
    this.topicPartition = topicPartition;
    this.offsets = new PartitionOffsets(initialWindow);
    this.holdsRetries = holdsRetries;
  }

  TopicPartition topicPartition() {
    return topicPartition;
  }

  PartitionOffsets offsets() {
    return offsets;
  }

  KeyedChains chains() {
    return chains;
  }

  /** Decides which batches may still start once the worker stops. */
  StartGate startGate() {
    return startGate;
  }

  /** Records handed to workers and not yet handed back, whether they ran or were skipped. */
  int outstanding() {
    return outstanding;
  }

  void dispatched(int records) {
    outstanding += records;
  }

  void handedBack(int records) {
    outstanding -= records;
  }

  /** From now on, workers skip this partition's records that have not started. */
  void revoke() {
    revoked = true;
  }

  boolean isRevoked() {
    return revoked;
  }

  /**
   * A task of this partition waits for {@code dependency}: workers skip the partition's records
   * that have not started. The first dependency to block the partition is the one it waits on.
   */
  void block(String dependency) {
    blockedOn.compareAndSet(null, dependency);
  }

  boolean isBlocked() {
    return blockedOn.get() != null;
  }

  /** The dependency the partition waits on, or null. */
  String blockedOn() {
    return blockedOn.get();
  }

  /** Whether the partition was sought back to its first unfinished record since it blocked. */
  boolean isRewound() {
    return rewound;
  }

  void rewound() {
    rewound = true;
  }

  /** The dependency recovered: the partition may fetch and run again. Poll thread only. */
  void unblock() {
    rewound = false;
    blockedOn.set(null);
  }

  boolean isPaused() {
    return paused;
  }

  void paused(boolean paused) {
    this.paused = paused;
  }

  /** True for a partition of a retry topic, whose records must wait for their due time. */
  boolean holdsRetries() {
    return holdsRetries;
  }

  /** The head record is not due before {@code dueMillis}: fetch nothing from here until then. */
  void waitUntil(long dueMillis) {
    waitingUntilMillis = dueMillis;
  }

  /** Whether the partition still waits for its head record at {@code nowMillis}. */
  boolean isWaiting(long nowMillis) {
    if (waitingUntilMillis != 0 && nowMillis >= waitingUntilMillis) {
      waitingUntilMillis = 0;
    }
    return waitingUntilMillis != 0;
  }

  /** When the head record is due, or 0 when the partition waits for nothing. */
  long waitingUntil() {
    return waitingUntilMillis;
  }

  /**
   * Whether the uncommitted window is too large to fetch more: full at {@code limit}, and stays
   * full until it drains to half of it, so fetching does not flap on every completion.
   */
  boolean windowFull(int limit) {
    int window = offsets.window();
    if (!windowFull && window >= limit) {
      windowFull = true;
    } else if (windowFull && window <= limit / 2) {
      windowFull = false;
    }
    return windowFull;
  }
}
