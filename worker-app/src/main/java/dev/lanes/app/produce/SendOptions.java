package dev.lanes.app.produce;

import dev.lanes.Task;
import java.time.Duration;
import java.time.Instant;

/**
 * How tasks are sent.
 *
 * @param key the record key of every task, or null for none (tasks spread over partitions)
 * @param ratePerSecond records per second at most, or null for as fast as the broker takes them
 * @param deadlineAfter each task's deadline is this long after it is sent, unless the task has its
 *     own; null sends tasks without one
 */
public record SendOptions(String key, Double ratePerSecond, Duration deadlineAfter) {

  public SendOptions {
    if (ratePerSecond != null && (!(ratePerSecond > 0) || ratePerSecond.isInfinite())) {
      throw new IllegalArgumentException(
          "ratePerSecond must be a positive number, was " + ratePerSecond);
    }
    if (deadlineAfter != null && (deadlineAfter.isZero() || deadlineAfter.isNegative())) {
      throw new IllegalArgumentException("deadlineAfter must be > 0, was " + deadlineAfter);
    }
  }

  public SendOptions(String key, Double ratePerSecond) {
    this(key, ratePerSecond, null);
  }

  /** No key, no rate limit. */
  public static SendOptions defaults() {
    return new SendOptions(null, null);
  }

  public SendOptions withKey(String key) {
    return new SendOptions(key, ratePerSecond, deadlineAfter);
  }

  public SendOptions withRate(double ratePerSecond) {
    return new SendOptions(key, ratePerSecond, deadlineAfter);
  }

  /** Tasks sent with these options expire {@code deadlineAfter} after they are sent. */
  public SendOptions withDeadlineAfter(Duration deadlineAfter) {
    return new SendOptions(key, ratePerSecond, deadlineAfter);
  }

  /**
   * {@code task} as sent at {@code now}: with a deadline, if these options set one and it has none.
   */
  Task stamp(Task task, Instant now) {
    if (deadlineAfter == null || task.deadline() != null) {
      return task;
    }
    return task.withDeadline(now.plus(deadlineAfter));
  }

  Pacer pacer() {
    return ratePerSecond == null ? Pacer.unlimited() : Pacer.perSecond(ratePerSecond);
  }
}
