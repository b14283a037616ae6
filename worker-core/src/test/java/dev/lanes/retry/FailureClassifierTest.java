package dev.lanes.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.InvalidTaskException;
import dev.lanes.NonRetryableException;
import dev.lanes.RetryLaterException;
import dev.lanes.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  private final FailureClassifier defaults = new FailureClassifier(RetryPolicy.defaults());

  @Test
  void ordinaryExceptionsAreRetryable() {
    assertThat(defaults.isFatal(new IllegalStateException("connection reset"))).isFalse();
    assertThat(defaults.isFatal(new IOException("timeout"))).isFalse();
    assertThat(defaults.isFatal(new StackOverflowError())).isFalse();
  }

  @Test
  void nonRetryableAndItsSubclassesAreFatal() {
    assertThat(defaults.isFatal(new NonRetryableException("rule violated"))).isTrue();
    assertThat(defaults.isFatal(new InvalidTaskException("amount missing"))).isTrue();
  }

  @Test
  void aFatalCauseUnderWrappersIsFatal() {
    Throwable wrapped =
        new CompletionException(
            new RuntimeException("handler", new InvalidTaskException("amount missing")));

    assertThat(defaults.isFatal(wrapped)).isTrue();
  }

  @Test
  void typesThePolicyTreatsAsFatalAreFatalWithTheirSubclasses() {
    FailureClassifier classifier =
        new FailureClassifier(RetryPolicy.defaults().treatAsFatal(IllegalArgumentException.class));

    assertThat(classifier.isFatal(new IllegalArgumentException("bad"))).isTrue();
    assertThat(classifier.isFatal(new NumberFormatException("abc"))).isTrue();
    assertThat(classifier.isFatal(new RuntimeException(new NumberFormatException("abc")))).isTrue();
    assertThat(classifier.isFatal(new IllegalStateException("busy"))).isFalse();
  }

  @Test
  void typesThePolicyTreatsAsRetryableOverruleNonRetryableAtTheSameLevel() {
    FailureClassifier classifier =
        new FailureClassifier(
            RetryPolicy.defaults()
                .treatAsFatal(IllegalArgumentException.class)
                .treatAsRetryable(InvalidTaskException.class, NumberFormatException.class));

    assertThat(classifier.isFatal(new InvalidTaskException("stale cache, try again"))).isFalse();
    assertThat(classifier.isFatal(new NumberFormatException("abc"))).isFalse();
    assertThat(classifier.isFatal(new NonRetryableException("rule violated"))).isTrue();
    assertThat(classifier.isFatal(new IllegalArgumentException("bad"))).isTrue();
  }

  @Test
  void theOutermostLevelThatMatchesDecides() {
    FailureClassifier classifier =
        new FailureClassifier(RetryPolicy.defaults().treatAsRetryable(UncheckedIOException.class));
    IOException io = new IOException("reset");

    assertThat(
            classifier.isFatal(
                new UncheckedIOException(
                    "retry", new IOException(new NonRetryableException("deep")))))
        .isFalse();
    assertThat(
            classifier.isFatal(new NonRetryableException("give up", new UncheckedIOException(io))))
        .isTrue();
  }

  @Test
  void retryLaterIsRetryableEvenOverAFatalCause() {
    FailureClassifier everythingFatal =
        new FailureClassifier(RetryPolicy.defaults().treatAsFatal(RuntimeException.class));
    RetryLaterException later =
        new RetryLaterException(Duration.ofSeconds(30), "429", new NonRetryableException("quota"));

    assertThat(defaults.isFatal(later)).isFalse();
    assertThat(defaults.isFatal(new RuntimeException(later))).isFalse();
    assertThat(everythingFatal.isFatal(later)).isFalse();
  }

  @Test
  void aCyclicCauseChainEndsTheWalk() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);
    RuntimeException loopWithFatal = new RuntimeException("outer");
    NonRetryableException fatal = new NonRetryableException("fatal", loopWithFatal);
    loopWithFatal.initCause(fatal);

    assertThat(defaults.isFatal(first)).isFalse();
    assertThat(defaults.isFatal(loopWithFatal)).isTrue();
  }

  @Test
  void causesBelowSixteenLevelsAreNotInspected() {
    assertThat(defaults.isFatal(wrapped(new NonRetryableException("deep"), 15))).isTrue();
    assertThat(defaults.isFatal(wrapped(new NonRetryableException("too deep"), 16))).isFalse();
  }

  private static Throwable wrapped(Throwable error, int wrappers) {
    Throwable outer = error;
    for (int i = 0; i < wrappers; i++) {
      outer = new RuntimeException("wrapper " + i, outer);
    }
    return outer;
  }
}
