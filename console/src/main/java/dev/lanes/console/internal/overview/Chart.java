package dev.lanes.console.internal.overview;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lane's last hour as an inline SVG draws it: retries and dead letters per minute as two
 * polylines over 60 points, the axis labels, a sentence for screen readers and the minutes with
 * anything in them as table rows. Pure: the template only places what this computes.
 *
 * @param ariaLabel what the chart shows, in words
 * @param retriesPoints the retries' polyline, {@code "x,y x,y ..."}
 * @param deadLettersPoints the dead letters' polyline
 * @param yMax the count at the top of the plot (at least 1)
 * @param startLabel the first minute, {@code HH:mm} UTC
 * @param middleLabel the minute half an hour in, drawn at {@link #MIDDLE_X}
 * @param endLabel the last minute (the one in progress), {@code HH:mm} UTC
 * @param rows the minutes with a retry or dead letter, oldest first
 */
public record Chart(
    String ariaLabel,
    String retriesPoints,
    String deadLettersPoints,
    long yMax,
    String startLabel,
    String middleLabel,
    String endLabel,
    List<Minute> rows) {

  public static final int WIDTH = 320;
  public static final int HEIGHT = 84;
  public static final int LEFT = 34;
  public static final int TOP = 6;
  public static final int BOTTOM = 66;
  public static final int RIGHT = WIDTH - 4;

  private static final int MIDDLE_MINUTE = 30;

  /** Where minute 30 of 60 is drawn: a middle tick, so a reader can place a peak in time. */
  public static final int MIDDLE_X =
      (int)
          Math.round(LEFT + (double) (RIGHT - LEFT) * MIDDLE_MINUTE / (MinuteBuckets.MINUTES - 1));

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** One minute's counts, for the table. */
  public record Minute(String time, long retries, long deadLetters) {}

  public Chart {
    rows = List.copyOf(rows);
  }

  public static Chart of(String lane, MinuteBuckets hour, long[] retries, long[] deadLetters) {
    requireMinutes("retries", retries);
    requireMinutes("deadLetters", deadLetters);
    long max = Math.max(1, Math.max(max(retries), max(deadLetters)));
    List<Minute> rows = new ArrayList<>();
    for (int i = 0; i < MinuteBuckets.MINUTES; i++) {
      if (retries[i] > 0 || deadLetters[i] > 0) {
        rows.add(new Minute(MINUTE.format(hour.boundary(i)), retries[i], deadLetters[i]));
      }
    }
    return new Chart(
        "Lane "
            + lane
            + ", last hour per minute: "
            + summary(retries, "retry", "retries", hour)
            + "; "
            + summary(deadLetters, "dead letter", "dead letters", hour)
            + ".",
        points(retries, max),
        points(deadLetters, max),
        max,
        MINUTE.format(hour.boundary(0)),
        MINUTE.format(hour.boundary(MIDDLE_MINUTE)),
        MINUTE.format(hour.boundary(MinuteBuckets.MINUTES - 1)),
        rows);
  }

  private static String summary(long[] counts, String one, String many, MinuteBuckets hour) {
    long total = 0;
    int peak = 0;
    for (int i = 0; i < counts.length; i++) {
      total += counts[i];
      if (counts[i] > counts[peak]) {
        peak = i;
      }
    }
    if (total == 0) {
      return "no " + many;
    }
    Instant at = hour.boundary(peak);
    return total
        + " "
        + (total == 1 ? one : many)
        + " (most: "
        + counts[peak]
        + " at "
        + MINUTE.format(at)
        + ")";
  }

  /** 60 points left to right, the count scaled so {@code max} touches the top. */
  static String points(long[] counts, long max) {
    StringBuilder points = new StringBuilder();
    double step = (double) (RIGHT - LEFT) / (MinuteBuckets.MINUTES - 1);
    for (int i = 0; i < counts.length; i++) {
      double x = LEFT + i * step;
      double y = BOTTOM - (double) counts[i] * (BOTTOM - TOP) / max;
      if (i > 0) {
        points.append(' ');
      }
      points.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    return points.toString();
  }

  private static long max(long[] counts) {
    long max = 0;
    for (long count : counts) {
      max = Math.max(max, count);
    }
    return max;
  }

  private static void requireMinutes(String name, long[] counts) {
    if (counts.length != MinuteBuckets.MINUTES) {
      throw new IllegalArgumentException(
          name + " must hold " + MinuteBuckets.MINUTES + " minutes, held " + counts.length);
    }
  }
}
