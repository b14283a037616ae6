package dev.lanes.app.dlt;

import java.time.Duration;
import java.time.Instant;

/**
 * Which dead letters a list or replay selects. Null fields select everything.
 *
 * @param type task type, exact match
 * @param reason the runtime's reason tag, exact match
 * @param since only dead letters whose record timestamp is at most this old
 * @param limit at most this many, the oldest first
 */
public record DeadLetterFilter(String type, String reason, Duration since, int limit) {

  /** What {@code lanes dlt list} shows without {@code --limit}; it says how many more match. */
  public static final int DEFAULT_LIMIT = 100;

  public DeadLetterFilter {
    if (since != null && (since.isNegative() || since.isZero())) {
      throw new IllegalArgumentException("since must be positive, was " + since);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
  }

  /** Every dead letter, up to {@link #DEFAULT_LIMIT}: what a list shows unless told otherwise. */
  public static DeadLetterFilter defaults() {
    return new DeadLetterFilter(null, null, null, DEFAULT_LIMIT);
  }

  /**
   * Every dead letter there is: what {@code lanes dlt replay} takes without {@code --limit}, so a
   * replay leaves none behind that the filter matched.
   */
  public static DeadLetterFilter all() {
    return new DeadLetterFilter(null, null, null, Integer.MAX_VALUE);
  }

  public DeadLetterFilter withType(String type) {
    return new DeadLetterFilter(type, reason, since, limit);
  }

  public DeadLetterFilter withReason(String reason) {
    return new DeadLetterFilter(type, reason, since, limit);
  }

  public DeadLetterFilter withSince(Duration since) {
    return new DeadLetterFilter(type, reason, since, limit);
  }

  public DeadLetterFilter withLimit(int limit) {
    return new DeadLetterFilter(type, reason, since, limit);
  }

  /** Whether the dead letter matches type, reason and age; the limit is the reader's to apply. */
  public boolean matches(DeadLetter deadLetter, Instant now) {
    if (type != null && !type.equals(deadLetter.type())) {
      return false;
    }
    if (reason != null && !reason.equals(deadLetter.failure().reason())) {
      return false;
    }
    return since == null || !deadLetter.timestamp().isBefore(now.minus(since));
  }
}
