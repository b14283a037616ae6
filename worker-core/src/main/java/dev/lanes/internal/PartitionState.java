package dev.lanes.internal;

import org.apache.kafka.common.TopicPartition;

/**
 * What the lane knows about one partition it owns. Offsets, counts and pause state belong to the
 * poll thread; workers read only {@link #isRevoked()} and use {@link #chains()}.
 */
final class PartitionState {

  private final TopicPartition topicPartition;
  private final PartitionOffsets offsets;
  private final KeyedChains chains = new KeyedChains();
  private volatile boolean revoked;
  private int outstanding;
  private boolean paused;
  private boolean windowFull;

  PartitionState(TopicPartition topicPartition, int initialWindow) {
    this.topicPartition = topicPartition;
    this.offsets = new PartitionOffsets(initialWindow);
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

  boolean isPaused() {
    return paused;
  }

  void paused(boolean paused) {
    this.paused = paused;
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
