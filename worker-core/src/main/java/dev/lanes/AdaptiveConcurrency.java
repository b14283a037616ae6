package dev.lanes;

import java.time.Duration;

/**
 * A concurrency limit on a dependency that follows its latency: while calls slow down the limit
 * falls towards {@code min}, once they are fast again it climbs back towards {@code max} (Netflix
 * concurrency-limits' Gradient2 algorithm). The limit is shared by the lanes of the process: lanes
 * of priority {@link Priority#HIGH} (realtime by default) are guaranteed {@code
 * realtimeSharePercent} of it, and every other lane may borrow what they leave unused, but no more.
 *
 * <p>A call that finds no permit waits up to {@code permitWait}; then its task's partition waits
 * like behind an open breaker (paused, no attempt spent) and resumes once permits are free again.
 *
 * @param min the lowest the limit may fall, at least 1
 * @param max the highest it may climb, and where it starts
 * @param realtimeSharePercent the part of the limit (0-100) kept for high-priority lanes
 * @param permitWait how long a call waits for a permit before its partition waits instead
 */
public record AdaptiveConcurrency(int min, int max, int realtimeSharePercent, Duration permitWait) {

  public AdaptiveConcurrency {
    if (min < 1) {
      throw new IllegalArgumentException("adaptiveConcurrency min must be >= 1, was " + min);
    }
    if (max < min) {
      throw new IllegalArgumentException(
          "adaptiveConcurrency max must be >= min (" + min + "), was " + max);
    }
    if (realtimeSharePercent < 0 || realtimeSharePercent > 100) {
      throw new IllegalArgumentException(
          "realtimeShare must be between 0 and 100 (percent), was " + realtimeSharePercent);
    }
    if (permitWait == null || permitWait.isNegative()) {
      throw new IllegalArgumentException("permitWait must be >= 0, was " + permitWait);
    }
  }

  /** Between {@code min} and {@code max}, realtime guaranteed 80%, permits awaited 100 ms. */
  public static AdaptiveConcurrency between(int min, int max) {
    return new AdaptiveConcurrency(min, max, 80, Duration.ofMillis(100));
  }

  public AdaptiveConcurrency withRealtimeShare(int percent) {
    return new AdaptiveConcurrency(min, max, percent, permitWait);
  }

  public AdaptiveConcurrency withPermitWait(Duration permitWait) {
    return new AdaptiveConcurrency(min, max, realtimeSharePercent, permitWait);
  }
}
