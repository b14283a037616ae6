package dev.lanes.retry;

import dev.lanes.RetryLaterException;
import dev.lanes.RetryPolicy;
import dev.lanes.Task;
import dev.lanes.retry.Destination.DeadLetter;
import dev.lanes.retry.Destination.Retry;
import dev.lanes.task.RejectionReason;
import dev.lanes.topics.TopicNames;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Decides where a failed task goes: a retry topic with a due time, or the dead-letter topic, and
 * that topic's name.
 */
public final class RetryRouter {

  private final RetryPolicy policy;
  private final String mainTopic;
  private final DoubleSupplier random;
  private final FailureClassifier classifier;
  private final Duration maxTaskAge;

  /**
   * @param mainTopic the lane's main topic, which its retry and dead-letter topics are named from
   * @param random values in [0, 1) for the backoff's jitter, such as {@code
   *     ThreadLocalRandom::nextDouble}
   */
  public RetryRouter(RetryPolicy policy, String mainTopic, DoubleSupplier random) {
    this(policy, mainTopic, random, null);
  }

  private RetryRouter(
      RetryPolicy policy, String mainTopic, DoubleSupplier random, Duration maxTaskAge) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.mainTopic = Objects.requireNonNull(mainTopic, "mainTopic");
    this.random = Objects.requireNonNull(random, "random");
    this.classifier = new FailureClassifier(policy);
    this.maxTaskAge = maxTaskAge;
  }

  /**
   * This router, for a lane whose tasks expire {@code maxTaskAge} after their {@code createdAt}
   * (null: only a task's own deadline counts).
   */
  public RetryRouter withMaxTaskAge(Duration maxTaskAge) {
    return new RetryRouter(policy, mainTopic, random, maxTaskAge);
  }

  /**
   * When {@code task} stops being worth running: the earlier of its own deadline and its {@code
   * createdAt} plus the lane's maximum task age; null when neither applies.
   */
  public Instant deadlineOf(Task task) {
    Instant byAge = null;
    if (maxTaskAge != null) {
      try {
        byAge = task.createdAt().plus(maxTaskAge);
      } catch (DateTimeException | ArithmeticException e) {
        byAge = null; // beyond the time line: no limit in practice
      }
    }
    Instant own = task.deadline();
    if (own == null || byAge == null) {
      return own == null ? byAge : own;
    }
    return own.isBefore(byAge) ? own : byAge;
  }

  /**
   * Where a task goes that is about to start at {@code nowMillis}: nowhere (empty), so it runs,
   * unless its deadline has passed; then to the dead-letter topic, not run.
   */
  public Optional<Destination> beforeStart(Task task, long nowMillis) {
    Instant deadline = deadlineOf(task);
    if (deadline != null && nowMillis > deadline.toEpochMilli()) {
      return Optional.of(deadLetter(FailureCategory.EXPIRED));
    }
    return Optional.empty();
  }

  /**
   * Where {@code task} goes after attempt {@code attempt} failed: as {@link #afterFailure(int,
   * Throwable, long)}, but a retry that would be due after the task's deadline goes to the
   * dead-letter topic at once instead of waiting to expire.
   */
  public Destination afterFailure(int attempt, Throwable error, long nowMillis, Task task) {
    Destination destination = afterFailure(attempt, error, nowMillis);
    Instant deadline = deadlineOf(task);
    if (destination instanceof Retry retry
        && deadline != null
        && retry.dueAtMillis() > deadline.toEpochMilli()) {
      return deadLetter(FailureCategory.EXPIRED);
    }
    return destination;
  }

  /**
   * Where a task goes after attempt {@code attempt} (1 for the first) failed with {@code error}.
   */
  public Destination afterFailure(int attempt, Throwable error, long nowMillis) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    if (classifier.isFatal(error)) {
      return deadLetter(FailureCategory.FATAL);
    }
    if (attempt >= policy.maxAttempts()) {
      return deadLetter(FailureCategory.EXHAUSTED);
    }
    RetryLaterException later = CauseChain.find(error, RetryLaterException.class);
    if (later != null) {
      return retry(policy.retryTopicForDelay(later.delay()), attempt, later.delay(), nowMillis);
    }
    // attempt n failed, so this is retry n
    Duration delay = policy.backoff().delay(attempt, random);
    return retry(policy.retryTopicFor(attempt), attempt, delay, nowMillis);
  }

  /** Where a record goes that is not a task this lane can run: retrying cannot change it. */
  public Destination afterRejection(RejectionReason reason) {
    return new DeadLetter(FailureCategory.FATAL, reason.tag());
  }

  /** The name of the topic {@code destination} means for this lane. */
  public String topicOf(Destination destination) {
    if (destination instanceof Retry retry) {
      if (retry.topicNumber() > policy.retryTopicCount()) {
        throw new IllegalArgumentException(
            "retry topic "
                + retry.topicNumber()
                + " does not exist, the policy has "
                + policy.retryTopicCount()
                + " (main topic "
                + mainTopic
                + ")");
      }
      return TopicNames.retry(mainTopic, retry.topicNumber());
    }
    return TopicNames.deadLetter(mainTopic);
  }

  private static Retry retry(int topicNumber, int attempt, Duration delay, long nowMillis) {
    long delayMillis = TimeUnit.MILLISECONDS.convert(delay);
    // saturate: an absurd Retry-After must not overflow into a due time in the past
    long dueAtMillis =
        delayMillis >= Long.MAX_VALUE - Math.max(nowMillis, 0)
            ? Long.MAX_VALUE
            : nowMillis + delayMillis;
    return new Retry(topicNumber, attempt + 1, delay, dueAtMillis);
  }

  private static DeadLetter deadLetter(FailureCategory category) {
    return new DeadLetter(category, category.tag());
  }
}
