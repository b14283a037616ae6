package dev.lanes.internal.priority;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Recent task waits of one lane, for the yield controller: a histogram per tick (5 ms buckets up to
 * ~10 s) kept for the last few ticks. Ours rather than the Micrometer timer's: its percentiles
 * decay on their own schedule, and the controller needs "the last window", exactly. Recording is
 * one atomic add (per record, or per run of a batch's waits through a {@link WaitTally}), no
 * allocation; {@link #roll()} is called by the controller's thread only.
 */
public final class WaitWindow {

  static final int BUCKET_MILLIS = 5;
  static final int BUCKETS = 2048;

  private final AtomicLongArray current = new AtomicLongArray(BUCKETS + 1);
  private final AtomicLong currentMax = new AtomicLong();
  private final long[][] ticks;
  private final long[] tickMax;
  private int next;

  /**
   * @param windowTicks how many ticks the window spans
   */
  public WaitWindow(int windowTicks) {
    if (windowTicks < 1) {
      throw new IllegalArgumentException("windowTicks must be >= 1, was " + windowTicks);
    }
    ticks = new long[windowTicks][BUCKETS + 1];
    tickMax = new long[windowTicks];
  }

  /** A task waited {@code millis} before its handler started. Any thread. */
  public void record(long millis) {
    long wait = Math.max(0, millis);
    add(bucketOf(wait), 1, wait);
  }

  /** The bucket a wait of {@code millis} (not negative) counts in. */
  static int bucketOf(long millis) {
    return (int) Math.min(BUCKETS, millis / BUCKET_MILLIS);
  }

  /**
   * {@code count} waits that fall in {@code bucket}, the longest {@code maxMillis}: what a {@link
   * WaitTally} gathered on one worker thread. Any thread.
   */
  void add(int bucket, int count, long maxMillis) {
    current.addAndGet(bucket, count);
    // Read first: the maximum rarely rises, and a write per call would bounce the line between
    // the workers.
    if (maxMillis > currentMax.get()) {
      currentMax.accumulateAndGet(maxMillis, Math::max);
    }
  }

  /** Closes the current tick into the window, dropping the oldest. Controller thread only. */
  void roll() {
    long[] slot = ticks[next];
    for (int i = 0; i <= BUCKETS; i++) {
      slot[i] = current.getAndSet(i, 0);
    }
    tickMax[next] = currentMax.getAndSet(0);
    next = (next + 1) % ticks.length;
  }

  /**
   * The 99th percentile of the waits in the window, in ms (the upper edge of its bucket), or -1
   * when the window holds no wait at all. Controller thread only.
   */
  long p99Millis() {
    long count = 0;
    long max = 0;
    for (int t = 0; t < ticks.length; t++) {
      for (long each : ticks[t]) {
        count += each;
      }
      max = Math.max(max, tickMax[t]);
    }
    if (count == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(count * 0.99);
    long seen = 0;
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      for (long[] tick : ticks) {
        seen += tick[bucket];
      }
      if (seen >= rank) {
        return Math.min(max, (bucket + 1L) * BUCKET_MILLIS);
      }
    }
    // Beyond the buckets' range: the largest wait seen is the honest answer.
    return max;
  }
}
