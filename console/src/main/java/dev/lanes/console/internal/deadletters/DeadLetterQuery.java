package dev.lanes.console.internal.deadletters;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.DeadLetterFilter;
import dev.lanes.app.dlt.FailureHeaders;
import dev.lanes.console.internal.ConsoleProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which dead letters of a lane a page, the API or a replay asks for. Null fields select everything.
 * Type, reason and since go to the CLI's {@link DeadLetterFilter}; error class, text, time range
 * and cursor are checked by {@link #matchesBeyondFilter} and {@link #after}.
 *
 * @param given the filter parameters as the caller wrote them (non-blank only), to fill the form
 *     again and to carry the filter into links and a replay
 * @param errorClass the exception's class, fully qualified or simple name
 * @param text case-insensitive substring of the exception message
 * @param from record timestamp at or after this
 * @param until record timestamp before this
 * @param after only what sorts after this cursor, or null for the first page
 * @param limit at most this many, the oldest first
 */
public record DeadLetterQuery(
    Map<String, String> given,
    String type,
    String reason,
    String errorClass,
    String text,
    Duration since,
    Instant from,
    Instant until,
    Cursor after,
    int limit) {

  /** The filter parameters, in the order the form shows them. */
  public static final List<String> FILTERS =
      List.of("type", "reason", "error", "q", "since", "from", "until");

  public static final int PAGE_LIMIT = 50;
  public static final int API_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  private static final Pattern SINCE = Pattern.compile("(\\d{1,9})([smhd])");

  public DeadLetterQuery {
    given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
  }

  /**
   * Reads the query from request parameters.
   *
   * @param defaultLimit the limit when the parameters name none
   * @throws ConsoleProblem 400 naming the parameter and its value when one is not valid
   */
  public static DeadLetterQuery parse(Map<String, List<String>> parameters, int defaultLimit) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String name : FILTERS) {
      String value = first(parameters, name);
      if (value != null) {
        given.put(name, value);
      }
    }
    Instant from = dateTime("from", given.get("from"));
    Instant until = dateTime("until", given.get("until"));
    if (from != null && until != null && !from.isBefore(until)) {
      throw ConsoleProblem.badRequest(
          "from must be before until, was from '"
              + given.get("from")
              + "' and until '"
              + given.get("until")
              + "'");
    }
    return new DeadLetterQuery(
        given,
        given.get("type"),
        given.get("reason"),
        given.get("error"),
        given.get("q"),
        since(given.get("since")),
        from,
        until,
        Cursor.parse(first(parameters, "after")),
        limit(first(parameters, "limit"), defaultLimit));
  }

  /** The part the CLI's scan understands, keeping at most {@code limit}. */
  public DeadLetterFilter filter(int limit) {
    return new DeadLetterFilter(type, reason, since, limit);
  }

  /** Error class, text in the message and time range; the filter checks the rest. */
  public boolean matchesBeyondFilter(DeadLetter deadLetter) {
    FailureHeaders failure = deadLetter.failure();
    if (errorClass != null
        && !errorClass.equals(failure.exceptionClass())
        && !errorClass.equals(failure.exceptionSimpleName())) {
      return false;
    }
    if (text != null
        && (failure.exceptionMessage() == null
            || !lower(failure.exceptionMessage()).contains(lower(text)))) {
      return false;
    }
    if (from != null && deadLetter.timestamp().isBefore(from)) {
      return false;
    }
    return until == null || deadLetter.timestamp().isBefore(until);
  }

  /** Whether the dead letter belongs on this page or a later one (the cursor's side). */
  public boolean isAfterCursor(DeadLetter deadLetter) {
    return after == null || after.isBefore(deadLetter);
  }

  /** The same query on the first page. */
  public DeadLetterQuery withoutCursor() {
    return new DeadLetterQuery(
        given, type, reason, errorClass, text, since, from, until, null, limit);
  }

  /** The filter as one line for the audit log, e.g. {@code type=charge,since=2h}; "none". */
  public String describe() {
    if (given.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    given.forEach(
        (name, value) ->
            text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(value));
    return text.toString();
  }

  static Duration since(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = SINCE.matcher(value.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw ConsoleProblem.badRequest(
          "since must be a positive duration like 30m, 2h or 1d, was '" + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** As {@code <input type=datetime-local>} sends it, read as UTC; an ISO instant works too. */
  static Instant dateTime(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw ConsoleProblem.badRequest(
            name + " must be a UTC date and time like 2026-11-27T10:00, was '" + value + "'");
      }
    }
  }

  static int limit(String value, int defaultLimit) {
    if (value == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // the message below says what a limit may be
    }
    throw ConsoleProblem.badRequest(
        "limit must be a number from 1 to " + MAX_LIMIT + ", was '" + value + "'");
  }

  static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    if (values == null) {
      return null;
    }
    return values.stream().filter(v -> !v.isBlank()).findFirst().orElse(null);
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
