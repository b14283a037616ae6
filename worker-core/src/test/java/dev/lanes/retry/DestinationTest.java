package dev.lanes.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.retry.Destination.DeadLetter;
import dev.lanes.retry.Destination.Retry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DestinationTest {

  @Test
  void retryValidationNamesTheFieldAndTheValue() {
    assertThatThrownBy(() -> new Retry(0, 2, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topicNumber must be >= 1, was 0");
    assertThatThrownBy(() -> new Retry(1, 1, Duration.ZERO, 0))
        .hasMessage("nextAttempt must be >= 2, was 1");
    assertThatThrownBy(() -> new Retry(1, 2, Duration.ofMillis(-1), 0))
        .hasMessage("delay must be >= 0, was PT-0.001S");
  }

  @Test
  void deadLetterNeedsACategoryAndAReason() {
    assertThatThrownBy(() -> new DeadLetter(FailureCategory.FATAL, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must not be blank, was  ");
    assertThatThrownBy(() -> new DeadLetter(null, "fatal"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("category");
  }

  @Test
  void categoryTagsAreLowercaseNames() {
    assertThat(FailureCategory.RETRYABLE.tag()).isEqualTo("retryable");
    assertThat(FailureCategory.FATAL.tag()).isEqualTo("fatal");
    assertThat(FailureCategory.EXHAUSTED.tag()).isEqualTo("exhausted");
  }
}
