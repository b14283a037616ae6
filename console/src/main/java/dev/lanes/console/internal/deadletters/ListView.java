package dev.lanes.console.internal.deadletters;

import dev.lanes.app.dlt.DeadLetter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What the list and grouped pages show.
 *
 * @param filters the filter parameters as given, to fill the form and the replay form's hidden
 *     fields
 * @param rows the page's dead letters (list view), empty in the grouped view
 * @param groups the groups (grouped view), empty in the list view
 * @param matched how many match the filters in all
 * @param nextHref the next page, or null on the last
 * @param thisPage this page's address, for signing in and coming back
 */
public record ListView(
    String lane,
    String topic,
    boolean grouped,
    Map<String, String> filters,
    List<Row> rows,
    List<GroupRow> groups,
    long matched,
    String nextHref,
    String listHref,
    String groupsHref,
    String replayAction,
    String thisPage) {

  public static final int MESSAGE_CHARS = 200;

  /** The value of filter {@code name} as given, or null. */
  public String filter(String name) {
    return filters.get(name);
  }

  /** One dead letter in the table. */
  public record Row(
      String position,
      String time,
      String type,
      String reason,
      String errorClass,
      String errorSimpleName,
      String attempts,
      String message,
      String href) {

    static Row of(String lane, DeadLetter deadLetter) {
      String message = deadLetter.failure().exceptionMessage();
      return new Row(
          deadLetter.partition() + "@" + deadLetter.offset(),
          ListView.time(deadLetter.timestamp()),
          deadLetter.type(),
          deadLetter.failure().reason(),
          deadLetter.failure().exceptionClass(),
          deadLetter.failure().exceptionSimpleName(),
          deadLetter.failure().attempts() == null
              ? null
              : deadLetter.failure().attempts().toString(),
          message == null || message.length() <= MESSAGE_CHARS
              ? message
              : message.substring(0, MESSAGE_CHARS) + "…",
          Links.detail(lane, deadLetter.partition(), deadLetter.offset()));
    }
  }

  /** One (reason, error class) with its count and the list filtered to it. */
  public record GroupRow(
      String reason, String errorClass, long count, boolean other, String href) {}

  /** {@code 2026-11-27T10:00:00Z}: sub-second digits only make the table wider. */
  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
