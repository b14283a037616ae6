package dev.lanes.retry;

import java.util.Locale;

/** What kind of failure a task had, as reported in dead-letter headers and metrics. */
public enum FailureCategory {
  /** Transient: a later attempt may succeed. */
  RETRYABLE,
  /** No attempt can succeed: a non-retryable error or a record that is not a runnable task. */
  FATAL,
  /** Retryable, but the task has used all its attempts. */
  EXHAUSTED,
  /** The task's deadline (or the lane's maximum task age) passed before it could run again. */
  EXPIRED;

  /** The value used in headers, metric tags and logs. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
