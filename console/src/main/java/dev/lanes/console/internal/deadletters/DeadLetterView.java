package dev.lanes.console.internal.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.LanesHeaders;
import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.DeadLetterDetail;
import dev.lanes.app.dlt.FailureHeaders;
import dev.lanes.app.dlt.HexDump;
import dev.lanes.app.dlt.Printable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.header.Header;

/**
 * One dead letter as its page shows it. Everything from the record is bounded here, so a poison
 * record (a 2 MB value, 1,000 headers, bytes that are not text) still makes a page of normal size;
 * the raw download has the rest.
 *
 * @param attempts the runtime's account of the failure (the {@code lanes.*} headers), in rows
 * @param headers every header up to {@link #MAX_HEADERS}, record order
 * @param moreHeaders how many headers are not shown
 * @param payloadKind {@code json}, {@code hex}, {@code empty} or {@code none}
 * @param truncatedNote how much of the payload is shown of how much, or null when all of it is
 */
public record DeadLetterView(
    String position,
    String timestamp,
    String key,
    String taskId,
    String type,
    List<Row> attempts,
    List<HeaderRow> headers,
    int moreHeaders,
    String stackTrace,
    String stackTraceNote,
    String payloadKind,
    String payload,
    String truncatedNote,
    int valueBytes) {

  /** Headers holding epoch milliseconds, shown with the instant they stand for. */
  private static final Set<String> TIME_HEADERS =
      Set.of(LanesHeaders.FIRST_FAILURE, LanesHeaders.ORIGINAL_TIMESTAMP, LanesHeaders.DUE);

  public static final int MAX_HEADERS = 200;
  public static final int MAX_HEADER_VALUE = 1000;
  public static final int MAX_JSON_CHARS = 64 * 1024;
  public static final int MAX_HEX_BYTES = DeadLetterDetail.HEX_DUMP_LIMIT;
  public static final int MAX_STACK_TRACE_CHARS = 32 * 1024;

  public static DeadLetterView of(DeadLetter deadLetter) {
    List<HeaderRow> headers = new ArrayList<>();
    for (Header header : deadLetter.headers()) {
      if (headers.size() == MAX_HEADERS) {
        break;
      }
      headers.add(HeaderRow.of(header));
    }
    String stackTrace = deadLetter.failure().stackTrace();
    byte[] value = deadLetter.value();
    Payload payload = Payload.of(value);
    return new DeadLetterView(
        deadLetter.partition() + "@" + deadLetter.offset(),
        deadLetter.timestamp().toString(),
        deadLetter.keyBytes() == null ? null : cut(Printable.oneLine(deadLetter.keyBytes())),
        deadLetter.taskId(),
        deadLetter.type(),
        attempts(deadLetter.failure()),
        headers,
        deadLetter.headers().size() - headers.size(),
        stackTrace == null ? null : cutText(stackTrace, MAX_STACK_TRACE_CHARS),
        stackTrace == null || stackTrace.length() <= MAX_STACK_TRACE_CHARS
            ? null
            : "Showing the first "
                + number(MAX_STACK_TRACE_CHARS)
                + " of "
                + number(stackTrace.length())
                + " characters of the stack trace.",
        payload.kind,
        payload.text,
        payload.note,
        value == null ? 0 : value.length);
  }

  private static List<Row> attempts(FailureHeaders failure) {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of("attempts", failure.attempts()));
    rows.add(Row.of("category", failure.category()));
    rows.add(Row.of("reason", failure.reason()));
    rows.add(Row.of("error class", failure.exceptionClass()));
    rows.add(Row.of("error message", failure.exceptionMessage()));
    rows.add(Row.of("first failure", failure.firstFailure()));
    rows.add(Row.of("original topic", failure.originalTopic()));
    rows.add(Row.of("original partition", failure.originalPartition()));
    rows.add(Row.of("original offset", failure.originalOffset()));
    return rows;
  }

  /** A name and a value; the value is "-" when the header was missing. */
  public record Row(String name, String value) {
    static Row of(String name, Object value) {
      return new Row(name, value == null ? "-" : cut(value.toString()));
    }
  }

  /**
   * One header.
   *
   * @param hex whether the value is shown as hex, because it is not printable UTF-8
   * @param runtime whether it is one of the runtime's {@code lanes.*} headers
   */
  public record HeaderRow(String key, String value, boolean hex, boolean runtime) {
    static HeaderRow of(Header header) {
      String key = cut(Printable.escape(header.key()));
      boolean runtime = header.key().startsWith(LanesHeaders.PREFIX);
      byte[] value = header.value();
      if (value == null) {
        return new HeaderRow(key, "(null)", false, runtime);
      }
      if (header.key().equals(LanesHeaders.EXCEPTION_STACKTRACE)) {
        return new HeaderRow(
            key, "(" + number(value.length) + " bytes, shown below)", false, runtime);
      }
      String text = Printable.utf8OrNull(value);
      String shown = Printable.oneLine(value);
      if (TIME_HEADERS.contains(header.key()) && shown.matches("\\d{1,18}")) {
        shown += " (" + Instant.ofEpochMilli(Long.parseLong(shown)) + ")";
      }
      // oneLine falls back to 0x<hex> for bytes that are not printable text
      boolean hex = text == null || (shown.startsWith("0x") && !text.startsWith("0x"));
      return new HeaderRow(key, cut(shown), hex, runtime);
    }
  }

  private record Payload(String kind, String text, String note) {
    static Payload of(byte[] value) {
      if (value == null) {
        return new Payload("none", "none (the record value is null)", null);
      }
      if (value.length == 0) {
        return new Payload("empty", "empty (0 bytes)", null);
      }
      JsonNode json = DeadLetterDetail.json(value);
      if (json != null) {
        String pretty = json.toPrettyString();
        if (pretty.length() <= MAX_JSON_CHARS) {
          return new Payload("json", pretty, null);
        }
        return new Payload(
            "json",
            pretty.substring(0, MAX_JSON_CHARS),
            "Showing the first "
                + number(MAX_JSON_CHARS)
                + " of "
                + number(pretty.length())
                + " characters of the pretty-printed JSON (the value is "
                + number(value.length)
                + " bytes). Download the raw value for all of it.");
      }
      String dump = HexDump.dump(value, MAX_HEX_BYTES);
      String note =
          value.length <= MAX_HEX_BYTES
              ? null
              : "Showing the first "
                  + number(MAX_HEX_BYTES)
                  + " of "
                  + number(value.length)
                  + " bytes as hex. Download the raw value for all of it.";
      return new Payload("hex", dump, note);
    }
  }

  static String cut(String text) {
    return cutText(text, MAX_HEADER_VALUE);
  }

  private static String cutText(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
