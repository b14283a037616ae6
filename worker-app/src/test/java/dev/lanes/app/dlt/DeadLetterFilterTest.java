package dev.lanes.app.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

  private static final String MAIN = "tasks.payments";
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final DeadLetter charge =
      DeadLetterRecords.task(MAIN, "t-1", "charge")
          .exhausted(4, new IOException("down"))
          .timestamp(NOW.minus(Duration.ofMinutes(30)))
          .toDeadLetter(0);
  private final DeadLetter notJson =
      DeadLetterRecords.raw(MAIN, new byte[] {(byte) 0xff})
          .timestamp(NOW.minus(Duration.ofHours(3)))
          .toDeadLetter(1);

  @Test
  void defaultsMatchEverythingUpToAHundred() {
    DeadLetterFilter filter = DeadLetterFilter.defaults();

    assertThat(filter.limit()).isEqualTo(100);
    assertThat(filter.matches(charge, NOW)).isTrue();
    assertThat(filter.matches(notJson, NOW)).isTrue();
  }

  @Test
  void typeMatchesExactlyAndNeverARecordWithoutType() {
    DeadLetterFilter filter = DeadLetterFilter.defaults().withType("charge");

    assertThat(filter.matches(charge, NOW)).isTrue();
    assertThat(filter.matches(notJson, NOW)).isFalse();
    assertThat(DeadLetterFilter.defaults().withType("char").matches(charge, NOW)).isFalse();
  }

  @Test
  void reasonMatchesTheRuntimesTag() {
    assertThat(DeadLetterFilter.defaults().withReason("not_json").matches(notJson, NOW)).isTrue();
    assertThat(DeadLetterFilter.defaults().withReason("not_json").matches(charge, NOW)).isFalse();
  }

  @Test
  void sinceKeepsDeadLettersNoOlderThanIt() {
    DeadLetterFilter lastHour = DeadLetterFilter.defaults().withSince(Duration.ofHours(1));

    assertThat(lastHour.matches(charge, NOW)).isTrue();
    assertThat(lastHour.matches(notJson, NOW)).isFalse();
    assertThat(DeadLetterFilter.defaults().withSince(Duration.ofMinutes(30)).matches(charge, NOW))
        .as("exactly as old as since")
        .isTrue();
  }

  @Test
  void limitMustBePositive() {
    assertThatThrownBy(() -> DeadLetterFilter.defaults().withLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be >= 1, was 0");
  }

  @Test
  void sinceMustBePositive() {
    assertThatThrownBy(() -> DeadLetterFilter.defaults().withSince(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("since must be positive, was PT-5S");
  }
}
