package dev.lanes.app.dlt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Lists dead letters, one per line: as an aligned table for people, or as JSON lines for scripts
 * ({@code jq}), with the same fields in both.
 */
public final class DeadLetterTable {

  private static final List<String> HEADINGS =
      List.of(
          "PARTITION",
          "OFFSET",
          "TASK ID",
          "TYPE",
          "ATTEMPTS",
          "REASON",
          "EXCEPTION",
          "FIRST FAILURE",
          "AGE");
  private static final String NONE = "-";

  private final PrintStream out;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  public DeadLetterTable(PrintStream out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A table, or with {@code json} one JSON object per line. */
  public void print(List<DeadLetter> deadLetters, boolean json) {
    if (json) {
      printJsonLines(deadLetters);
    } else {
      printTable(deadLetters);
    }
  }

  /** An aligned table with a heading row; a single line saying so when there is nothing to list. */
  public void printTable(List<DeadLetter> deadLetters) {
    if (deadLetters.isEmpty()) {
      out.println("no dead letters");
      return;
    }
    Instant now = clock.instant();
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    deadLetters.forEach(deadLetter -> rows.add(cells(deadLetter, now)));
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.println(line);
    }
  }

  /**
   * One object per line with keys {@code partition, offset, task_id, type, attempts, reason,
   * exception, first_failure, age_seconds}; absent values are {@code null}. The exception is the
   * full class name and the age a number of seconds: what a script compares, not what fits a
   * column.
   */
  public void printJsonLines(List<DeadLetter> deadLetters) {
    Instant now = clock.instant();
    for (DeadLetter deadLetter : deadLetters) {
      FailureHeaders failure = deadLetter.failure();
      ObjectNode line = mapper.createObjectNode();
      line.put("partition", deadLetter.partition());
      line.put("offset", deadLetter.offset());
      line.put("task_id", deadLetter.taskId());
      line.put("type", deadLetter.type());
      line.put("attempts", failure.attempts());
      line.put("reason", failure.reason());
      line.put("exception", failure.exceptionClass());
      line.put("first_failure", Ages.isoSeconds(failure.firstFailure()));
      line.put(
          "age_seconds", Math.max(0, Duration.between(deadLetter.timestamp(), now).getSeconds()));
      try {
        out.println(mapper.writeValueAsString(line));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("cannot write " + deadLetter.position() + " as JSON", e);
      }
    }
  }

  private static List<String> cells(DeadLetter deadLetter, Instant now) {
    FailureHeaders failure = deadLetter.failure();
    return Arrays.asList(
        Integer.toString(deadLetter.partition()),
        Long.toString(deadLetter.offset()),
        orNone(deadLetter.taskId()),
        orNone(deadLetter.type()),
        orNone(failure.attempts()),
        orNone(failure.reason()),
        orNone(failure.exceptionSimpleName()),
        orNone(Ages.isoSeconds(failure.firstFailure())),
        Ages.age(deadLetter.timestamp(), now));
  }

  private static String orNone(Object value) {
    // Ids and types come from the record: one with a line break must not break the table.
    return value == null ? NONE : Printable.escape(value.toString());
  }
}
