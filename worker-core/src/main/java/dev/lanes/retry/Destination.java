package dev.lanes.retry;

import java.time.Duration;
import java.util.Objects;

/** Where a failed task goes next. */
public sealed interface Destination {

  /**
   * Republish to a retry topic, to run again once due.
   *
   * @param topicNumber the retry topic, from 1
   * @param nextAttempt the attempt the retry will be, from 2
   * @param delay how long the task waits
   * @param dueAtMillis epoch millis before which the task must not run
   */
  record Retry(int topicNumber, int nextAttempt, Duration delay, long dueAtMillis)
      implements Destination {

    public Retry {
      if (topicNumber < 1) {
        throw new IllegalArgumentException("topicNumber must be >= 1, was " + topicNumber);
      }
      if (nextAttempt < 2) {
        throw new IllegalArgumentException("nextAttempt must be >= 2, was " + nextAttempt);
      }
      if (delay == null || delay.isNegative()) {
        throw new IllegalArgumentException("delay must be >= 0, was " + delay);
      }
    }
  }

  /**
   * Publish to the dead-letter topic; no further attempt.
   *
   * @param category why no attempt follows
   * @param reason a short tag for headers and metrics: {@code exhausted}, {@code fatal}, {@code
   *     expired}, or the {@link dev.lanes.task.RejectionReason#tag() rejection reason} of a record
   *     that is not a task
   */
  record DeadLetter(FailureCategory category, String reason) implements Destination {

    public DeadLetter {
      Objects.requireNonNull(category, "category");
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("reason must not be blank, was " + reason);
      }
    }
  }
}
