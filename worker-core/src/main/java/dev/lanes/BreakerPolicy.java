package dev.lanes;

import java.time.Duration;
import java.util.Objects;

/**
 * When a dependency's circuit breaker opens and how it recovers. Built on Failsafe's breaker:
 * {@code failures(5)} opens after 5 failures in a row; {@code failureRate(50, 20,
 * Duration.ofSeconds(30))} opens when at least half of at least 20 calls in 30 s failed. After
 * {@code delay} the breaker half-opens and lets probe calls through; {@code successesToClose}
 * successful probes close it, one failure opens it again.
 *
 * @param failureThreshold consecutive failures that open the breaker (count mode), else 0
 * @param failureRatePercent failure rate that opens the breaker (rate mode), else 0
 * @param minimumCalls calls in the window before the rate counts (rate mode)
 * @param window the period the rate is measured over (rate mode), else null
 * @param delay how long the breaker stays open before it half-opens
 * @param successesToClose successful probes that close a half-open breaker
 */
public record BreakerPolicy(
    int failureThreshold,
    int failureRatePercent,
    int minimumCalls,
    Duration window,
    Duration delay,
    int successesToClose) {

  private static final Duration DEFAULT_DELAY = Duration.ofSeconds(10);

  public BreakerPolicy {
    boolean countMode = failureThreshold > 0;
    boolean rateMode = failureRatePercent > 0;
    if (countMode == rateMode) {
      throw new IllegalArgumentException(
          "exactly one of failureThreshold ("
              + failureThreshold
              + ") and failureRatePercent ("
              + failureRatePercent
              + ") must be > 0");
    }
    if (rateMode) {
      if (failureRatePercent > 100) {
        throw new IllegalArgumentException(
            "failureRatePercent must be 1..100, was " + failureRatePercent);
      }
      if (minimumCalls < 1) {
        throw new IllegalArgumentException("minimumCalls must be >= 1, was " + minimumCalls);
      }
      requirePositive("window", window);
    }
    requirePositive("delay", delay);
    if (successesToClose < 1) {
      throw new IllegalArgumentException("successesToClose must be >= 1, was " + successesToClose);
    }
  }

  /** Opens after {@code failures} failures in a row. */
  public static BreakerPolicy failures(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, was " + failures);
    }
    return new BreakerPolicy(failures, 0, 0, null, DEFAULT_DELAY, 1);
  }

  /** Opens when {@code percent} of at least {@code minimumCalls} calls in {@code window} failed. */
  public static BreakerPolicy failureRate(int percent, int minimumCalls, Duration window) {
    return new BreakerPolicy(0, percent, minimumCalls, window, DEFAULT_DELAY, 1);
  }

  public BreakerPolicy withDelay(Duration delay) {
    return new BreakerPolicy(
        failureThreshold, failureRatePercent, minimumCalls, window, delay, successesToClose);
  }

  public BreakerPolicy withSuccessesToClose(int successes) {
    return new BreakerPolicy(
        failureThreshold, failureRatePercent, minimumCalls, window, delay, successes);
  }

  private static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value);
    }
  }
}
