package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryLaterExceptionTest {

  @Test
  void carriesTheRequestedDelayAndTheCause() {
    IOException cause = new IOException("503");

    RetryLaterException error =
        new RetryLaterException(Duration.ofSeconds(30), "rate limited", cause);

    assertThat(error.delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(error).hasMessage("rate limited").hasCause(cause);
    assertThat(new RetryLaterException(Duration.ZERO, "now").delay()).isZero();
  }

  @Test
  void delayMustNotBeNegativeOrMissing() {
    assertThatThrownBy(() -> new RetryLaterException(Duration.ofSeconds(-1), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay must be >= 0, was PT-1S");
    assertThatThrownBy(() -> new RetryLaterException(null, "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay must be >= 0, was null");
  }
}
