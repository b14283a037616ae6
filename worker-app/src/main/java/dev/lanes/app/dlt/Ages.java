package dev.lanes.app.dlt;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How times read in the dead-letter tools: short ages for people, ISO-8601 UTC instants. */
final class Ages {

  private Ages() {}

  /**
   * The two largest units, e.g. {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. A
   * timestamp ahead of the clock (a skewed producer) reads {@code 0s}, not a negative age.
   */
  static String format(Duration age) {
    long seconds = Math.max(0, age.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format("%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
  }

  static String age(Instant since, Instant now) {
    return format(Duration.between(since, now));
  }

  /** {@code 2026-11-27T10:00:00Z}: sub-second digits only make a table wider. */
  static String isoSeconds(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
