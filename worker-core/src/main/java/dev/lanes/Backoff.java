package dev.lanes;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before each retry: {@code initialDelay}, multiplied by {@code multiplier} for
 * every further retry, never more than {@code maxDelay}, then randomised by {@code jitter}.
 *
 * @param initialDelay the base delay before the first retry
 * @param multiplier how much each base delay grows over the one before; 1 keeps it fixed
 * @param maxDelay the longest base delay
 * @param jitter how each delay is randomised below its base delay
 */
public record Backoff(Duration initialDelay, double multiplier, Duration maxDelay, Jitter jitter) {

  private static final double NANOS_PER_SECOND = 1e9;

  public Backoff {
    if (initialDelay == null || initialDelay.isZero() || initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must be > 0, was " + initialDelay);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "multiplier must be a finite number >= 1.0, was " + multiplier);
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be >= initialDelay (" + initialDelay + "), was " + maxDelay);
    }
    Objects.requireNonNull(jitter, "jitter");
  }

  /** Grows by {@code multiplier} per retry up to {@code max}, with {@link Jitter#EQUAL}. */
  public static Backoff exponential(Duration initial, double multiplier, Duration max) {
    return new Backoff(initial, multiplier, max, Jitter.EQUAL);
  }

  /** The same {@code delay} before every retry, without jitter. */
  public static Backoff fixed(Duration delay) {
    return new Backoff(delay, 1.0, delay, Jitter.NONE);
  }

  public Backoff withJitter(Jitter jitter) {
    return new Backoff(initialDelay, multiplier, maxDelay, jitter);
  }

  /** The delay before retry {@code retry} (1 for the first) without jitter. */
  public Duration baseDelay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, was " + retry);
    }
    // in doubles, where a huge retry number grows to infinity instead of overflowing
    double factor = Math.pow(multiplier, retry - 1);
    if (factor == 1.0) {
      return initialDelay;
    }
    double seconds = seconds(initialDelay) * factor;
    if (!(seconds < seconds(maxDelay))) {
      return maxDelay;
    }
    long wholeSeconds = (long) seconds;
    // Round, not truncate: in doubles 0.7 s * 3 is 2.0999999999999996 s.
    long nanos = Math.round((seconds - wholeSeconds) * NANOS_PER_SECOND);
    Duration delay = Duration.ofSeconds(wholeSeconds, nanos);
    return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
  }

  /**
   * The delay before retry {@code retry}: the base delay with jitter applied, to the millisecond.
   * Never negative, never above {@link #baseDelay}.
   *
   * @param random a value in [0, 1) per call, such as {@code ThreadLocalRandom::nextDouble}; not
   *     called when the jitter is {@link Jitter#NONE}
   */
  public Duration delay(int retry, DoubleSupplier random) {
    Duration base = baseDelay(retry);
    if (jitter == Jitter.NONE) {
      return base;
    }
    double value = random.getAsDouble();
    if (!(value >= 0.0 && value < 1.0)) {
      throw new IllegalArgumentException("random must be in [0, 1), was " + value);
    }
    return Duration.ofMillis(jitter.apply(TimeUnit.MILLISECONDS.convert(base), value));
  }

  private static double seconds(Duration duration) {
    return duration.getSeconds() + duration.getNano() / NANOS_PER_SECOND;
  }
}
