package dev.lanes.internal.invoke;

import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.priority.WaitTally;

/**
 * What one batch's tasks did, counted in plain fields on its worker thread and added to the lane's
 * shared meters once, when the batch ends. The shared meters are atomics that every worker writes:
 * written per task, they cost a no-op task more than its handler. Counts, totals and maxima are
 * exact, only later: a batch's tasks show when the batch ends. Thread-confined: one per running
 * batch.
 */
public final class BatchTally {

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
    succeeded++;
    handlerNanos += nanos;
    longestHandlerNanos = Math.max(longestHandlerNanos, nanos);
  }

  /** Adds what the batch counted so far to the lane's meters; the tally is empty afterwards. */
  public void publish() {
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
