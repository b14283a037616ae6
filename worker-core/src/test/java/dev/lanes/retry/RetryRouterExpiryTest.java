package dev.lanes.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanes.NonRetryableException;
import dev.lanes.RetryPolicy;
import dev.lanes.Task;
import dev.lanes.retry.Destination.DeadLetter;
import dev.lanes.retry.Destination.Retry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryRouterExpiryTest {

  private static final String MAIN = "tasks.payments";
  private static final Instant CREATED = Instant.parse("2026-01-02T03:00:00Z");
  private static final long NOW = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
  private static final Throwable TRANSIENT = new IllegalStateException("connection reset");
  private static final DeadLetter EXPIRED = new DeadLetter(FailureCategory.EXPIRED, "expired");

  /** Equal jitter with random 0.5 waits three quarters of each base delay: the first is 750 ms. */
  private final RetryRouter router = new RetryRouter(RetryPolicy.defaults(), MAIN, () -> 0.5);

  @Test
  void taskWithoutDeadlineOrMaxAgeAlwaysStarts() {
    assertThat(router.beforeStart(task(null), Long.MAX_VALUE)).isEmpty();
    assertThat(router.deadlineOf(task(null))).isNull();
  }

  @Test
  void taskStartsUntilItsDeadlineAndIsDeadLetteredAsExpiredAfterIt() {
    Task task = task(Instant.ofEpochMilli(NOW));

    assertThat(router.beforeStart(task, NOW - 1)).isEmpty();
    assertThat(router.beforeStart(task, NOW)).isEmpty();
    assertThat(router.beforeStart(task, NOW + 1)).contains(EXPIRED);
  }

  @Test
  void maxTaskAgeExpiresATaskCountedFromItsCreation() {
    RetryRouter fiveMinutes = router.withMaxTaskAge(Duration.ofMinutes(5));
    long fiveMinutesOld = CREATED.plus(Duration.ofMinutes(5)).toEpochMilli();

    assertThat(fiveMinutes.beforeStart(task(null), fiveMinutesOld)).isEmpty();
    assertThat(fiveMinutes.beforeStart(task(null), fiveMinutesOld + 1)).contains(EXPIRED);
  }

  @Test
  void theEarlierOfDeadlineAndMaxTaskAgeCounts() {
    RetryRouter fiveMinutes = router.withMaxTaskAge(Duration.ofMinutes(5));
    Instant oneMinute = CREATED.plus(Duration.ofMinutes(1));
    Instant tenMinutes = CREATED.plus(Duration.ofMinutes(10));

    assertThat(fiveMinutes.deadlineOf(task(oneMinute))).isEqualTo(oneMinute);
    assertThat(fiveMinutes.deadlineOf(task(tenMinutes)))
        .isEqualTo(CREATED.plus(Duration.ofMinutes(5)));
  }

  @Test
  void anAbsurdMaxTaskAgeMeansNoLimitInsteadOfOverflowing() {
    RetryRouter forever = router.withMaxTaskAge(Duration.ofSeconds(Long.MAX_VALUE));

    assertThat(forever.beforeStart(task(null), Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void retryDueAfterTheDeadlineIsDeadLetteredAtOnceAsExpired() {
    Task task = task(Instant.ofEpochMilli(NOW + 749));

    assertThat(router.afterFailure(1, TRANSIENT, NOW, task)).isEqualTo(EXPIRED);
  }

  @Test
  void retryDueByTheDeadlineStillRetries() {
    Task task = task(Instant.ofEpochMilli(NOW + 750));

    assertThat(router.afterFailure(1, TRANSIENT, NOW, task))
        .isEqualTo(new Retry(1, 2, Duration.ofMillis(750), NOW + 750));
  }

  @Test
  void failureWithoutDeadlineRoutesAsBefore() {
    assertThat(router.afterFailure(1, TRANSIENT, NOW, task(null)))
        .isEqualTo(router.afterFailure(1, TRANSIENT, NOW));
  }

  @Test
  void fatalAndExhaustedFailuresKeepTheirReasonEvenPastTheDeadline() {
    Task expired = task(Instant.ofEpochMilli(NOW - 1));

    assertThat(router.afterFailure(1, new NonRetryableException("bad"), NOW, expired))
        .isEqualTo(new DeadLetter(FailureCategory.FATAL, "fatal"));
    assertThat(router.afterFailure(4, TRANSIENT, NOW, expired))
        .isEqualTo(new DeadLetter(FailureCategory.EXHAUSTED, "exhausted"));
  }

  private static Task task(Instant deadline) {
    return new Task(
        "t-1",
        "charge",
        JsonNodeFactory.instance.objectNode(),
        CREATED,
        Task.CURRENT_SCHEMA_VERSION,
        deadline);
  }
}
