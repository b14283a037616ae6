package dev.lanes;

import java.time.Duration;

/**
 * Asks for a retry after a specific delay instead of the policy's backoff, for instance to honour
 * an HTTP {@code Retry-After}. The failure is retryable, but it still spends an attempt: a
 * dependency that keeps asking for later cannot keep a task alive forever.
 */
public class RetryLaterException extends RuntimeException {

  private final Duration delay;

  public RetryLaterException(Duration delay, String message) {
    super(message);
    this.delay = requireDelay(delay);
  }

  public RetryLaterException(Duration delay, String message, Throwable cause) {
    super(message, cause);
    this.delay = requireDelay(delay);
  }

  /** How long to wait before the next attempt. */
  public Duration delay() {
    return delay;
  }

  private static Duration requireDelay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0, was " + delay);
    }
    return delay;
  }
}
