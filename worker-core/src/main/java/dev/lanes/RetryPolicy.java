package dev.lanes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How often a failed task is retried and how long each retry waits. Attempt 1 is the first run and
 * retry {@code n} is attempt {@code n + 1}, so a task gets at most {@code maxAttempts - 1} retries.
 *
 * <p>Each distinct base delay of the ladder gets its own retry topic, numbered from 1, because a
 * retry topic's consumer waits for the record at its head: records that wait the same time queue in
 * due order, and none holds back a shorter one. Retries past the backoff's cap reuse the last
 * topic.
 *
 * @param maxAttempts attempts a task gets, the first run included; 1 never retries
 * @param backoff the delay before each retry
 * @param fatal exception types never retried, on top of {@link NonRetryableException}
 * @param retryable exception types always retried; they win over {@code fatal} and {@link
 *     NonRetryableException}, so a handler can opt a subclass back in
 */
public record RetryPolicy(
    int maxAttempts,
    Backoff backoff,
    List<Class<? extends Throwable>> fatal,
    List<Class<? extends Throwable>> retryable) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    fatal = copyOfTypes("fatal", fatal);
    retryable = copyOfTypes("retryable", retryable);
  }

  /** 4 attempts, retried after 1 s, 10 s and 100 s (with equal jitter): 3 retry topics. */
  public static RetryPolicy defaults() {
    return of(4, Backoff.exponential(Duration.ofSeconds(1), 10.0, Duration.ofMinutes(5)));
  }

  public static RetryPolicy of(int maxAttempts, Backoff backoff) {
    return new RetryPolicy(maxAttempts, backoff, List.of(), List.of());
  }

  /** One attempt: every failure goes to the dead-letter topic. */
  public static RetryPolicy noRetries() {
    return defaults().withMaxAttempts(1);
  }

  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, backoff, fatal, retryable);
  }

  public RetryPolicy withBackoff(Backoff backoff) {
    return new RetryPolicy(maxAttempts, backoff, fatal, retryable);
  }

  /** Adds {@code types} (and their subclasses) to the failures that are never retried. */
  @SafeVarargs
  public final RetryPolicy treatAsFatal(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> all = new ArrayList<>(fatal);
    // element by element: handing the varargs array on is what @SafeVarargs cannot vouch for
    for (Class<? extends Throwable> type : types) {
      all.add(type);
    }
    return new RetryPolicy(maxAttempts, backoff, all, retryable);
  }

  /** Adds {@code types} (and their subclasses) to the failures that are always retried. */
  @SafeVarargs
  public final RetryPolicy treatAsRetryable(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> all = new ArrayList<>(retryable);
    for (Class<? extends Throwable> type : types) {
      all.add(type);
    }
    return new RetryPolicy(maxAttempts, backoff, fatal, all);
  }

  /** How many retry topics the lane needs: 0 when {@code maxAttempts} is 1. */
  public int retryTopicCount() {
    return topicDelays().size();
  }

  /** The retry topic (from 1) that retry {@code retry} goes to. */
  public int retryTopicFor(int retry) {
    if (retry < 1 || retry >= maxAttempts) {
      throw new IllegalArgumentException(
          "retry must be >= 1 and < maxAttempts (" + maxAttempts + "), was " + retry);
    }
    return topicsNotLongerThan(backoff.baseDelay(retry));
  }

  /**
   * The retry topic for a retry that asks for its own delay: the last one whose base delay is not
   * longer than {@code requested}, or 1 if every topic waits longer. Records already in that topic
   * fall due before this one, so it never waits past its due time, and it holds back the records
   * queued behind it for less than any later topic would.
   */
  public int retryTopicForDelay(Duration requested) {
    if (requested == null || requested.isNegative()) {
      throw new IllegalArgumentException("requested must be >= 0, was " + requested);
    }
    if (maxAttempts == 1) {
      throw new IllegalStateException("no retry topics: maxAttempts is 1");
    }
    return Math.max(1, topicsNotLongerThan(requested));
  }

  private int topicsNotLongerThan(Duration delay) {
    int topics = 0;
    for (Duration topicDelay : topicDelays()) {
      if (topicDelay.compareTo(delay) > 0) {
        break;
      }
      topics++;
    }
    return topics;
  }

  /** The base delay of each retry topic, shortest first; base delays never shrink as retries go. */
  private List<Duration> topicDelays() {
    List<Duration> delays = new ArrayList<>();
    for (int retry = 1; retry < maxAttempts; retry++) {
      Duration delay = backoff.baseDelay(retry);
      if (delays.isEmpty() || delay.compareTo(delays.get(delays.size() - 1)) > 0) {
        delays.add(delay);
      }
      // the rest of the ladder is flat: stop rather than walk up to 2^31 equal retries
      if (delay.equals(backoff.maxDelay()) || backoff.multiplier() == 1.0) {
        break;
      }
    }
    return delays;
  }

  private static List<Class<? extends Throwable>> copyOfTypes(
      String field, List<Class<? extends Throwable>> types) {
    // checked by hand: List.copyOf would throw an unexplained NullPointerException
    if (types == null || types.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(
          field + " must be a list of exception types without nulls, was " + types);
    }
    return List.copyOf(types);
  }
}
