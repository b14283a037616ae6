package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

  @Test
  void readsEachUnitAndIso8601() {
    assertThat(DurationFormat.parse("200ms")).contains(Duration.ofMillis(200));
    assertThat(DurationFormat.parse("5s")).contains(Duration.ofSeconds(5));
    assertThat(DurationFormat.parse("10m")).contains(Duration.ofMinutes(10));
    assertThat(DurationFormat.parse("1h")).contains(Duration.ofHours(1));
    assertThat(DurationFormat.parse("7d")).contains(Duration.ofDays(7));
    assertThat(DurationFormat.parse(" 5s ")).contains(Duration.ofSeconds(5));
    assertThat(DurationFormat.parse("PT5S")).contains(Duration.ofSeconds(5));
    assertThat(DurationFormat.parse("pt1m30s")).contains(Duration.ofSeconds(90));
    assertThat(DurationFormat.parse("P1D")).contains(Duration.ofDays(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 s", "5sec", "1.5s", "-5s", "5S", "s", "", "P", "PT", "1w"})
  void refusesAnythingElse(String text) {
    assertThat(DurationFormat.parse(text)).isEmpty();
  }

  @Test
  void formatsInTheLargestWholeUnit() {
    assertThat(DurationFormat.format(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(DurationFormat.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationFormat.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationFormat.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationFormat.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    assertThat(DurationFormat.format(Duration.ofSeconds(-5))).isEqualTo("PT-5S");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 999, 1000, 60_000, 86_400_000, 86_400_001, 123_456_789_000L})
  void formatReadsBackAsTheSameDuration(long millis) {
    Duration duration = Duration.ofMillis(millis);

    assertThat(DurationFormat.parse(DurationFormat.format(duration))).contains(duration);
  }
}
