package dev.lanes.app.dlt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LanesHeaders;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.header.Header;

/**
 * Everything about one dead letter: where it is, why it failed, every header, the stack trace, and
 * the payload, pretty-printed when it is JSON and as a hex dump when it is not.
 */
public final class DeadLetterDetail {

  /** Headers holding epoch milliseconds, shown with the instant they stand for. */
  private static final Set<String> TIME_HEADERS =
      Set.of(LanesHeaders.FIRST_FAILURE, LanesHeaders.ORIGINAL_TIMESTAMP, LanesHeaders.DUE);

  /**
   * How much of a value that is not JSON is shown as hex: 256 lines, enough to recognise a format
   * by its header. A 1 MB record would otherwise print 5 MB; --raw saves it whole instead.
   */
  public static final int HEX_DUMP_LIMIT = 4096;

  private final PrintStream out;
  private final Clock clock;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public DeadLetterDetail(PrintStream out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void print(DeadLetter deadLetter) {
    FailureHeaders failure = deadLetter.failure();
    field("dead letter", deadLetter.position());
    field(
        "timestamp",
        deadLetter.timestamp()
            + " (age "
            + Ages.age(deadLetter.timestamp(), clock.instant())
            + ")");
    line("key", deadLetter.keyBytes() == null ? "-" : Printable.oneLine(deadLetter.keyBytes()));
    field("task id", deadLetter.taskId());
    field("type", deadLetter.type());
    field("reason", failure.reason());
    field("category", failure.category());
    field("attempts", failure.attempts());
    field("exception", failure.exceptionClass());
    field("message", failure.exceptionMessage());
    field("first failure", failure.firstFailure());
    field("original", original(failure));
    printHeaders(deadLetter);
    printStackTrace(failure);
    printPayload(deadLetter.value());
  }

  private void printHeaders(DeadLetter deadLetter) {
    out.println();
    out.println("headers (" + deadLetter.headers().size() + "):");
    for (Header header : deadLetter.headers()) {
      out.println("  " + Printable.escape(header.key()) + ": " + headerValue(header));
    }
  }

  private static String headerValue(Header header) {
    if (header.value() == null) {
      return "(null)";
    }
    // A stack trace is many lines: it gets its own section instead of one unreadable line.
    if (header.key().equals(LanesHeaders.EXCEPTION_STACKTRACE)) {
      return "(" + header.value().length + " bytes, printed below)";
    }
    String text = Printable.oneLine(header.value());
    if (TIME_HEADERS.contains(header.key()) && text.matches("\\d{1,18}")) {
      return text + " (" + Instant.ofEpochMilli(Long.parseLong(text)) + ")";
    }
    return text;
  }

  private void printStackTrace(FailureHeaders failure) {
    out.println();
    if (failure.stackTrace() == null) {
      out.println("stack trace: none recorded");
      return;
    }
    out.println("stack trace:");
    failure.stackTrace().lines().forEach(line -> out.println("  " + line));
  }

  private void printPayload(byte[] value) {
    out.println();
    if (value == null) {
      out.println("payload: none (the record value is null)");
      return;
    }
    if (value.length == 0) {
      out.println("payload: empty (0 bytes)");
      return;
    }
    JsonNode json = json(value);
    if (json != null) {
      out.println("payload (JSON, " + value.length + " bytes):");
      out.println(json.toPrettyString());
      return;
    }
    out.println("payload (" + value.length + " bytes, not UTF-8 JSON):");
    int leftOut = HexDump.print(value, HEX_DUMP_LIMIT, out);
    if (leftOut > 0) {
      out.println(
          "... "
              + leftOut
              + " more bytes not shown (the first "
              + (value.length - leftOut)
              + " of "
              + value.length
              + " are); --raw FILE saves the whole value");
    }
  }

  /** The value as JSON, or null when it is not exactly one UTF-8 JSON document. */
  public static JsonNode json(byte[] value) {
    // Decode first: Jackson would also accept UTF-16 and UTF-32, which no producer here writes.
    String text = Printable.utf8OrNull(value);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      return null; // not JSON: shown as a hex dump
    }
  }

  private static String original(FailureHeaders failure) {
    if (failure.originalTopic() == null) {
      return null;
    }
    return failure.originalTopic()
        + "-"
        + (failure.originalPartition() == null ? "?" : failure.originalPartition())
        + "@"
        + (failure.originalOffset() == null ? "?" : failure.originalOffset());
  }

  /** One line per field: values come from the record, so line breaks in them are escaped. */
  private void field(String name, Object value) {
    line(name, value == null ? "-" : Printable.escape(value.toString()));
  }

  private void line(String name, String text) {
    out.printf("%-14s %s%n", name, text);
  }
}
