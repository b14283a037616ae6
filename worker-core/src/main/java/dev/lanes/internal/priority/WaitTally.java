package dev.lanes.internal.priority;

/**
 * One batch's task waits, gathered on its worker thread and added to the lane's {@link WaitWindow}
 * when the batch ends. Every wait still counts, in its own bucket: consecutive waits that share a
 * bucket (nearly all of a batch's, which were polled together) become one atomic add instead of one
 * each, which all the lane's workers would contend on. Thread-confined.
 */
public final class WaitTally {

  private final WaitWindow window;
  private int bucket = -1;
  private int count;
  private long maxMillis;

  public WaitTally(WaitWindow window) {
    this.window = window;
  }

  /** A task waited {@code millis} before its handler started. */
  public void record(long millis) {
    long wait = Math.max(0, millis);
    int waitBucket = WaitWindow.bucketOf(wait);
    if (waitBucket != bucket) {
      publish();
      bucket = waitBucket;
    }
    count++;
    maxMillis = Math.max(maxMillis, wait);
  }

  /** Adds the waits gathered so far to the window; the tally is empty afterwards. */
  public void publish() {
    if (count > 0) {
      window.add(bucket, count, maxMillis);
    }
    bucket = -1;
    count = 0;
    maxMillis = 0;
  }
}
