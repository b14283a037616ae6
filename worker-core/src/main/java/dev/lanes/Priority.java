package dev.lanes;

/**
 * How important a lane's work is to the others in the same process. While a lane with an objective
 * ({@link LaneConfig#maxWait()}) misses it, lanes of a lower priority start fewer tasks.
 */
public enum Priority {
  HIGH,
  NORMAL,
  LOW;

  /** True when this priority makes {@code other} yield. */
  public boolean outranks(Priority other) {
    return ordinal() < other.ordinal();
  }
}
