package dev.lanes.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

  @Test
  void agreesWithInstantParseOnWhatInstantToStringWrites() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);

      assertThat(IsoInstant.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @Test
  void agreesWithInstantParseOnEveryDayOfTheCalendarAndOnDaysThatDoNotExist() {
    for (int year : new int[] {0, 1, 4, 100, 1600, 1900, 1970, 1999, 2000, 2024, 2100, 9999}) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          String text = String.format("%04d-%02d-%02dT12:34:56.789Z", year, month, day);
          byte[] bytes = ("x" + text + "x").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
          Instant expected;
          try {
            expected = Instant.parse(text);
          } catch (DateTimeException e) {
            assertThatThrownBy(() -> IsoInstant.parse(bytes, 1, bytes.length - 1))
                .as(text)
                .isInstanceOf(DateTimeException.class);
            continue;
          }
          assertThat(IsoInstant.parse(bytes, 1, bytes.length - 1)).as(text).isEqualTo(expected);
          assertThat(IsoInstant.parse(text)).as(text).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void shortFractionsAreScaled() {
    assertThat(IsoInstant.parse("2026-11-27T10:00:00.5Z"))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.500Z"));
    assertThat(IsoInstant.parse("2026-11-27T10:00:00.1234Z"))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.123400Z"));
  }

  @Test
  void edgeFormsFollowInstantParse() {
    for (String text :
        new String[] {"2026-11-27T24:00:00Z", "2026-12-31T23:59:60Z", "2026-11-27T10:00:00.Z"}) {
      assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void otherIsoFormsStillParse() {
    assertThat(IsoInstant.parse("2026-11-27T10:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(IsoInstant.parse("+12026-11-27T10:00:00Z"))
        .isEqualTo(Instant.parse("+12026-11-27T10:00:00Z"));
  }

  @Test
  void nonsenseIsRejected() {
    assertThatThrownBy(() -> IsoInstant.parse("2026-13-27T10:00:00Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoInstant.parse("2026-02-30T10:00:00Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoInstant.parse("2026-11-2xT10:00:00Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoInstant.parse("yesterday")).isInstanceOf(DateTimeException.class);
  }
}
