package dev.lanes.internal.lane;

import java.util.function.LongSupplier;

/**
 * Where a lane's machinery reads the time: the wall clock (epoch ms, for retry due times) and the
 * monotonic clock (ns, for deadlines, intervals and latencies). Passed in, so unit tests drive time
 * by hand instead of sleeping.
 */
public record LaneClock(LongSupplier millis, LongSupplier nanos) {

  public static final LaneClock SYSTEM = new LaneClock(System::currentTimeMillis, System::nanoTime);

  /** Wall-clock time in epoch milliseconds. */
  public long nowMillis() {
    return millis.getAsLong();
  }

  /** Monotonic time in nanoseconds, only meaningful as a difference. */
  public long nanoTime() {
    return nanos.getAsLong();
  }
}
