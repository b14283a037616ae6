package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void defaultsRetryAfterOneTenAndAHundredSecondsOnThreeTopics() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxAttempts()).isEqualTo(4);
    assertThat(policy.backoff().baseDelay(1)).isEqualTo(SECOND);
    assertThat(policy.backoff().baseDelay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.backoff().baseDelay(3)).isEqualTo(Duration.ofSeconds(100));
    assertThat(policy.retryTopicCount()).isEqualTo(3);
    assertThat(policy.retryTopicFor(1)).isEqualTo(1);
    assertThat(policy.retryTopicFor(2)).isEqualTo(2);
    assertThat(policy.retryTopicFor(3)).isEqualTo(3);
    assertThat(policy.fatal()).isEmpty();
    assertThat(policy.retryable()).isEmpty();
  }

  @Test
  void noRetriesNeedsNoRetryTopic() {
    assertThat(RetryPolicy.noRetries().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.noRetries().retryTopicCount()).isZero();
  }

  @Test
  void eachDistinctDelayUpToTheCapGetsOneTopic() {
    Backoff tenfold = Backoff.exponential(SECOND, 10.0, FIVE_MINUTES);

    // 1 s, 10 s, 100 s, then 5 min for every further retry
    assertThat(RetryPolicy.of(10, tenfold).retryTopicCount()).isEqualTo(4);
    assertThat(RetryPolicy.of(Integer.MAX_VALUE, tenfold).retryTopicCount()).isEqualTo(4);
    // 1 s, 2 s: the ladder ends before the cap
    assertThat(
            RetryPolicy.of(3, Backoff.exponential(SECOND, 2.0, Duration.ofHours(1)))
                .retryTopicCount())
        .isEqualTo(2);
    assertThat(RetryPolicy.of(2, tenfold).retryTopicCount()).isEqualTo(1);
  }

  @Test
  void aConstantDelayNeedsOneTopic() {
    Backoff flatBelowTheCap = new Backoff(SECOND, 1.0, FIVE_MINUTES, Jitter.NONE);

    assertThat(RetryPolicy.of(5, Backoff.fixed(Duration.ofSeconds(30))).retryTopicCount())
        .isEqualTo(1);
    assertThat(RetryPolicy.of(Integer.MAX_VALUE, flatBelowTheCap).retryTopicCount()).isEqualTo(1);
    assertThat(RetryPolicy.of(Integer.MAX_VALUE, flatBelowTheCap).retryTopicFor(1_000_000))
        .isEqualTo(1);
  }

  @Test
  void retriesBeyondTheCapReuseTheLastTopic() {
    RetryPolicy policy = RetryPolicy.of(10, Backoff.exponential(SECOND, 10.0, FIVE_MINUTES));

    assertThat(policy.retryTopicFor(3)).isEqualTo(3);
    assertThat(policy.retryTopicFor(4)).isEqualTo(4);
    assertThat(policy.retryTopicFor(5)).isEqualTo(4);
    assertThat(policy.retryTopicFor(9)).isEqualTo(4);
  }

  @Test
  void retryTopicForOnlyKnowsRetriesThePolicyAllows() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThatThrownBy(() -> policy.retryTopicFor(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry must be >= 1 and < maxAttempts (4), was 0");
    assertThatThrownBy(() -> policy.retryTopicFor(4))
        .hasMessage("retry must be >= 1 and < maxAttempts (4), was 4");
  }

  @Test
  void requestedDelayGoesToTheLongestTopicThatIsNotLonger() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.retryTopicForDelay(Duration.ZERO)).isEqualTo(1);
    assertThat(policy.retryTopicForDelay(Duration.ofMillis(500))).isEqualTo(1);
    assertThat(policy.retryTopicForDelay(SECOND)).isEqualTo(1);
    assertThat(policy.retryTopicForDelay(Duration.ofSeconds(9))).isEqualTo(1);
    assertThat(policy.retryTopicForDelay(Duration.ofSeconds(10))).isEqualTo(2);
    assertThat(policy.retryTopicForDelay(Duration.ofSeconds(99))).isEqualTo(2);
    assertThat(policy.retryTopicForDelay(Duration.ofSeconds(100))).isEqualTo(3);
    assertThat(policy.retryTopicForDelay(Duration.ofDays(1))).isEqualTo(3);
  }

  @Test
  void requestedDelayNeedsARetryTopicAndAValidDelay() {
    assertThatThrownBy(() -> RetryPolicy.noRetries().retryTopicForDelay(SECOND))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no retry topics: maxAttempts is 1");
    assertThatThrownBy(() -> RetryPolicy.defaults().retryTopicForDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requested must be >= 0, was PT-1S");
  }

  @Test
  void withersCopyAndLeaveTheOriginalAlone() {
    RetryPolicy policy = RetryPolicy.defaults();

    RetryPolicy changed =
        policy
            .withMaxAttempts(6)
            .withBackoff(Backoff.fixed(SECOND))
            .treatAsFatal(IllegalArgumentException.class)
            .treatAsFatal(ArithmeticException.class, ClassCastException.class)
            .treatAsRetryable(UncheckedIOException.class);

    assertThat(changed.maxAttempts()).isEqualTo(6);
    assertThat(changed.backoff()).isEqualTo(Backoff.fixed(SECOND));
    assertThat(changed.fatal())
        .containsExactly(
            IllegalArgumentException.class, ArithmeticException.class, ClassCastException.class);
    assertThat(changed.retryable()).containsExactly(UncheckedIOException.class);
    assertThat(policy).isEqualTo(RetryPolicy.defaults());
  }

  @Test
  void typeListsAreImmutableCopies() {
    List<Class<? extends Throwable>> fatal = new ArrayList<>(List.of(IllegalStateException.class));
    RetryPolicy policy = new RetryPolicy(2, Backoff.fixed(SECOND), fatal, List.of());

    fatal.add(ArithmeticException.class);

    assertThat(policy.fatal()).containsExactly(IllegalStateException.class);
    assertThatThrownBy(() -> policy.fatal().add(ArithmeticException.class))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void validationNamesTheFieldAndTheValue() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThatThrownBy(() -> policy.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be >= 1, was 0");
    assertThatThrownBy(() -> policy.withBackoff(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("backoff");
    assertThatThrownBy(() -> policy.treatAsFatal(IllegalStateException.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "fatal must be a list of exception types without nulls, was"
                + " [class java.lang.IllegalStateException, null]");
    assertThatThrownBy(() -> new RetryPolicy(2, Backoff.fixed(SECOND), List.of(), null))
        .hasMessage("retryable must be a list of exception types without nulls, was null");
  }
}
