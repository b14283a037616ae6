package dev.lanes.app.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {

  @Test
  void showsTheTwoLargestUnits() {
    assertThat(Ages.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Ages.format(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(Ages.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
    assertThat(Ages.format(Duration.ofMinutes(125).plusSeconds(59))).isEqualTo("2h05m");
    assertThat(Ages.format(Duration.ofHours(76))).isEqualTo("3d04h");
  }

  @Test
  void aTimestampAheadOfTheClockIsZeroSecondsOld() {
    Instant now = Instant.parse("2026-11-27T12:00:00Z");

    assertThat(Ages.age(now.plusSeconds(5), now)).isEqualTo("0s");
  }

  @Test
  void instantsAreIsoUtcToTheSecond() {
    assertThat(Ages.isoSeconds(Instant.parse("2026-11-27T09:58:30.456Z")))
        .isEqualTo("2026-11-27T09:58:30Z");
    assertThat(Ages.isoSeconds(null)).isNull();
  }
}
