package dev.lanes.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: {@code 200ms}, {@code 5s}, {@code 10m}, {@code
 * 1h}, {@code 1d}, or ISO-8601 such as {@code PT5S}. A bare number is refused: whether {@code 5}
 * means milliseconds or seconds is exactly the mistake a unit prevents.
 */
public final class DurationFormat {

  public static final String ACCEPTED =
      "a whole number with ms, s, m, h or d, e.g. 200ms, 5s, 10m, 1h, 1d;"
          + " or ISO-8601, e.g. PT5S";

  // Nine digits: enough for any sane setting, and never overflows a Duration or its millis.
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private record Unit(String suffix, Duration length) {}

  // Largest first, so format() picks the shortest text.
  private static final List<Unit> UNITS =
      List.of(
          new Unit("d", Duration.ofDays(1)),
          new Unit("h", Duration.ofHours(1)),
          new Unit("m", Duration.ofMinutes(1)),
          new Unit("s", Duration.ofSeconds(1)),
          new Unit("ms", Duration.ofMillis(1)));

  private DurationFormat() {}

  /** The duration {@code text} stands for, or empty when it is in no accepted form. */
  public static Optional<Duration> parse(String text) {
    String trimmed = text.trim();
    Matcher matcher = SHORT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration unit =
          UNITS.stream()
              .filter(u -> u.suffix().equals(matcher.group(2)))
              .findFirst()
              .orElseThrow()
              .length();
      return Optional.of(unit.multipliedBy(amount));
    }
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Optional.of(Duration.parse(trimmed));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The shortest text {@link #parse} reads back as {@code duration}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis;
    try {
      millis = duration.toMillis();
    } catch (ArithmeticException e) {
      return duration.toString();
    }
    for (Unit unit : UNITS) {
      long unitMillis = unit.length().toMillis();
      if (millis % unitMillis == 0 && millis / unitMillis < 1_000_000_000L) {
        return millis / unitMillis + unit.suffix();
      }
    }
    return duration.toString();
  }
}
