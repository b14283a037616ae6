package dev.lanes.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.Backoff;
import dev.lanes.InvalidTaskException;
import dev.lanes.Jitter;
import dev.lanes.NonRetryableException;
import dev.lanes.RetryLaterException;
import dev.lanes.RetryPolicy;
import dev.lanes.retry.Destination.DeadLetter;
import dev.lanes.retry.Destination.Retry;
import dev.lanes.task.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryRouterTest {

  private static final String MAIN = "tasks.payments";
  private static final long NOW = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
  private static final Throwable TRANSIENT = new IllegalStateException("connection reset");
  private static final DeadLetter EXHAUSTED =
      new DeadLetter(FailureCategory.EXHAUSTED, "exhausted");
  private static final DeadLetter FATAL = new DeadLetter(FailureCategory.FATAL, "fatal");

  /** Equal jitter with random 0.5 waits three quarters of each base delay. */
  private final RetryRouter router = new RetryRouter(RetryPolicy.defaults(), MAIN, () -> 0.5);

  @Test
  void transientFailuresClimbTheRetryTopicsThenDeadLetterWhenExhausted() {
    assertThat(router.afterFailure(1, TRANSIENT, NOW))
        .isEqualTo(new Retry(1, 2, ms(750), NOW + 750));
    assertThat(router.afterFailure(2, TRANSIENT, NOW))
        .isEqualTo(new Retry(2, 3, ms(7_500), NOW + 7_500));
    assertThat(router.afterFailure(3, TRANSIENT, NOW))
        .isEqualTo(new Retry(3, 4, ms(75_000), NOW + 75_000));
    assertThat(router.afterFailure(4, TRANSIENT, NOW)).isEqualTo(EXHAUSTED);
  }

  @Test
  void retriesBeyondTheCapReuseTheLastTopicWithTheCappedDelay() {
    Backoff tenfold =
        Backoff.exponential(Duration.ofSeconds(1), 10.0, Duration.ofMinutes(5))
            .withJitter(Jitter.NONE);
    RetryRouter sixAttempts = new RetryRouter(RetryPolicy.of(6, tenfold), MAIN, () -> 0.5);

    assertThat(sixAttempts.afterFailure(4, TRANSIENT, NOW))
        .isEqualTo(new Retry(4, 5, Duration.ofMinutes(5), NOW + 300_000));
    assertThat(sixAttempts.afterFailure(5, TRANSIENT, NOW))
        .isEqualTo(new Retry(4, 6, Duration.ofMinutes(5), NOW + 300_000));
    assertThat(sixAttempts.afterFailure(6, TRANSIENT, NOW)).isEqualTo(EXHAUSTED);
  }

  @Test
  void fatalFailuresGoStraightToTheDeadLetterTopicOnAnyAttempt() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(router.afterFailure(attempt, new NonRetryableException("rule"), NOW))
          .isEqualTo(FATAL);
      assertThat(router.afterFailure(attempt, new InvalidTaskException("amount missing"), NOW))
          .isEqualTo(FATAL);
    }
  }

  @Test
  void thePolicysOwnFatalTypesDeadLetterAsFatal() {
    RetryRouter strict =
        new RetryRouter(
            RetryPolicy.defaults().treatAsFatal(IllegalArgumentException.class), MAIN, () -> 0.5);

    assertThat(strict.afterFailure(1, new NumberFormatException("abc"), NOW)).isEqualTo(FATAL);
    assertThat(strict.afterFailure(1, TRANSIENT, NOW)).isInstanceOf(Retry.class);
  }

  @Test
  void withoutRetriesTheFirstTransientFailureIsExhausted() {
    RetryRouter once = new RetryRouter(RetryPolicy.noRetries(), MAIN, () -> 0.5);

    assertThat(once.afterFailure(1, TRANSIENT, NOW)).isEqualTo(EXHAUSTED);
    assertThat(once.afterFailure(1, new RetryLaterException(ms(10), "busy"), NOW))
        .isEqualTo(EXHAUSTED);
  }

  @Test
  void retryLaterWaitsTheRequestedDelayOnTheLongestTopicNotLongerThanIt() {
    assertThat(router.afterFailure(1, retryLater(Duration.ofSeconds(30)), NOW))
        .isEqualTo(new Retry(2, 2, Duration.ofSeconds(30), NOW + 30_000));
    assertThat(router.afterFailure(1, retryLater(ms(200)), NOW))
        .isEqualTo(new Retry(1, 2, ms(200), NOW + 200));
    assertThat(router.afterFailure(2, retryLater(Duration.ofHours(1)), NOW))
        .isEqualTo(new Retry(3, 3, Duration.ofHours(1), NOW + 3_600_000));
    assertThat(router.afterFailure(1, retryLater(Duration.ZERO), NOW))
        .isEqualTo(new Retry(1, 2, Duration.ZERO, NOW));
  }

  @Test
  void retryLaterIsFoundUnderWrappers() {
    Throwable wrapped = new CompletionException(retryLater(Duration.ofSeconds(10)));

    assertThat(router.afterFailure(1, wrapped, NOW))
        .isEqualTo(new Retry(2, 2, Duration.ofSeconds(10), NOW + 10_000));
  }

  @Test
  void retryLaterStillSpendsAnAttempt() {
    assertThat(router.afterFailure(4, retryLater(Duration.ofSeconds(1)), NOW)).isEqualTo(EXHAUSTED);
  }

  @Test
  void anAbsurdRequestedDelaySaturatesTheDueTime() {
    Destination destination =
        router.afterFailure(1, retryLater(Duration.ofSeconds(Long.MAX_VALUE)), NOW);

    assertThat(destination).isInstanceOf(Retry.class);
    assertThat(((Retry) destination).dueAtMillis()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @EnumSource(RejectionReason.class)
  void rejectedRecordsGoToTheDeadLetterTopicTaggedWithTheReason(RejectionReason reason) {
    assertThat(router.afterRejection(reason))
        .isEqualTo(new DeadLetter(FailureCategory.FATAL, reason.tag()));
  }

  @Test
  void rejectionTagsNameTheProblem() {
    assertThat(router.afterRejection(RejectionReason.NOT_JSON))
        .isEqualTo(new DeadLetter(FailureCategory.FATAL, "not_json"));
    assertThat(router.afterRejection(RejectionReason.UNKNOWN_TYPE))
        .isEqualTo(new DeadLetter(FailureCategory.FATAL, "unknown_type"));
  }

  @Test
  void theDecisionNamesTheRetryOrDeadLetterTopicOfTheLanesMainTopic() {
    assertThat(router.topicOf(router.afterFailure(1, TRANSIENT, NOW)))
        .isEqualTo("tasks.payments.retry.1");
    assertThat(router.topicOf(router.afterFailure(3, TRANSIENT, NOW)))
        .isEqualTo("tasks.payments.retry.3");
    assertThat(router.topicOf(router.afterFailure(2, retryLater(Duration.ofHours(1)), NOW)))
        .isEqualTo("tasks.payments.retry.3");
    assertThat(router.topicOf(router.afterFailure(4, TRANSIENT, NOW)))
        .isEqualTo("tasks.payments.dlt");
    assertThat(router.topicOf(router.afterRejection(RejectionReason.NOT_JSON)))
        .isEqualTo("tasks.payments.dlt");
  }

  @Test
  void aRetryTopicThePolicyDoesNotHaveHasNoName() {
    assertThatThrownBy(() -> router.topicOf(new Retry(4, 2, Duration.ZERO, NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry topic 4 does not exist, the policy has 3 (main topic tasks.payments)");
  }

  @Test
  void attemptsAreNumberedFromOne() {
    assertThatThrownBy(() -> router.afterFailure(0, TRANSIENT, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt must be >= 1, was 0");
  }

  private static RetryLaterException retryLater(Duration delay) {
    return new RetryLaterException(delay, "429 Too Many Requests");
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
