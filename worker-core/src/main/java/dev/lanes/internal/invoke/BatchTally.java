package dev.lanes.internal.invoke;

import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.priority.WaitTally;
import dev.lanes.internal.priority.WaitWindow;

/**
 * What one batch's tasks did, counted in plain fields on its worker thread and added to the lane's
 * shared meters once, when the batch ends. The shared meters are atomics that every worker writes:
 * written per task, they cost a no-op task more than its handler. Counts are exact, only later: a
 * batch's successes show when the batch ends. Thread-confined: one per running batch.
 */
public final class BatchTally {

  private final WaitTally waits;
  private String lastType;
  private TypeMeters lastMeters;
  private TypeMeters succeededType;
  private int succeeded;

  BatchTally(WaitWindow recentWaits) {
    this.waits = new WaitTally(recentWaits);
  }

  /** The yield controller's share of a first attempt's wait; the timer recorded it already. */
  WaitTally waits() {
    return waits;
  }

  /**
   * The meters of {@code type}: the last type's again without a map lookup, which costs a hash of
   * the freshly decoded type name per task.
   */
  TypeMeters metersFor(String type, LaneMetrics metrics) {
    if (!type.equals(lastType)) {
      lastMeters = metrics.forType(type);
      lastType = type;
    }
    return lastMeters;
  }

  void succeeded(TypeMeters meters) {
    // A batch's tasks are nearly always of one type: a run of them is one counter update.
    if (meters != succeededType) {
      publishSucceeded();
      succeededType = meters;
    }
    succeeded++;
  }

  /** Adds what the batch counted so far to the lane's meters; the tally is empty afterwards. */
  public void publish() {
    publishSucceeded();
    waits.publish();
  }

  private void publishSucceeded() {
    if (succeeded > 0) {
      succeededType.succeeded(succeeded);
    }
    succeeded = 0;
  }
}
