package dev.lanes.internal.invoke;

import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.priority.WaitTally;

/**
 * What a worker's tasks did, counted in plain fields on its thread and added to the lane's shared
 * meters in one step: once {@link #PUBLISH_EVERY} tasks are counted, when a batch fails, and when
 * the thread stops running batches. The shared meters are atomics that every worker writes: written
 * per task, they cost a no-op task more than its handler; written per batch, still per task in KEY
 * order over many keys, where batches are one record long. Counts, totals and maxima are exact,
 * only later. Thread-confined: one per worker thread.
 */
public final class BatchTally {

  /** Tasks counted before the tally is published even while its thread keeps busy. */
  static final int PUBLISH_EVERY = 64;

  private final LaneMetrics metrics;
  private final WaitTally yieldWaits;
  private long waits;
  private long waitedMillis;
  private long longestWaitMillis;
  private String lastType;
  private TypeMeters lastMeters;
  // The current run of successes of one type: a batch's tasks are nearly always of one type.
  private TypeMeters succeededType;
  private int succeeded;
  private long handlerNanos;
  private long longestHandlerNanos;
  private int unpublished;

  BatchTally(LaneMetrics metrics) {
    this.metrics = metrics;
    this.yieldWaits = new WaitTally(metrics.recentWaits());
  }

  /**
   * A first attempt waited {@code millis} before its handler started. It counts in {@code
   * lanes.task.wait} either way, in the yield window only when it did not wait behind a dependency
   * (see {@link LaneMetrics#taskWaited}).
   */
  void waited(long millis, boolean behindDependency) {
    long wait = Math.max(0, millis);
    unpublished++;
    waits++;
    waitedMillis += wait;
    longestWaitMillis = Math.max(longestWaitMillis, wait);
    if (!behindDependency) {
      yieldWaits.record(wait);
    }
  }

  /**
   * The meters of {@code type}: the last type's again without a map lookup, which costs a hash of
   * the freshly decoded type name per task.
   */
  TypeMeters metersFor(String type) {
    if (!type.equals(lastType)) {
      lastMeters = metrics.forType(type);
      lastType = type;
    }
    return lastMeters;
  }

  /** A handler of {@code meters}' type returned after {@code nanos}. */
  void succeeded(TypeMeters meters, long nanos) {
    if (meters != succeededType) {
      publishSucceeded();
      succeededType = meters;
    }
    unpublished++;
    succeeded++;
    handlerNanos += nanos;
    longestHandlerNanos = Math.max(longestHandlerNanos, nanos);
  }

  /** A batch ended: publishes once enough is counted, or at once when the batch failed. */
  public void batchEnded(boolean failed) {
    if (failed || unpublished >= PUBLISH_EVERY) {
      publish();
    }
  }

  /** Adds what was counted so far to the lane's meters; the tally is empty afterwards. */
  public void publish() {
    unpublished = 0;
    publishSucceeded();
    metrics.tasksWaited(waits, waitedMillis, longestWaitMillis);
    waits = 0;
    waitedMillis = 0;
    longestWaitMillis = 0;
    yieldWaits.publish();
  }

  private void publishSucceeded() {
    if (succeeded > 0) {
      succeededType.succeeded(succeeded, handlerNanos, longestHandlerNanos);
    }
    succeeded = 0;
    handlerNanos = 0;
    longestHandlerNanos = 0;
  }
}
