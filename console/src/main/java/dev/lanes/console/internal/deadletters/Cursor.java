package dev.lanes.console.internal.deadletters;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.console.internal.ConsoleProblem;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where a page of dead letters ended: the last shown record's timestamp, partition and offset, in
 * the list's order (oldest first, partition and offset breaking ties). The next page shows what
 * sorts after it. Written as {@code <epoch millis>.<partition>.<offset>}.
 */
public record Cursor(Instant timestamp, int partition, long offset) {

  private static final Comparator<Cursor> ORDER =
      Comparator.comparing(Cursor::timestamp)
          .thenComparingInt(Cursor::partition)
          .thenComparingLong(Cursor::offset);

  public static Cursor of(DeadLetter deadLetter) {
    return new Cursor(deadLetter.timestamp(), deadLetter.partition(), deadLetter.offset());
  }

  /** Reads {@code text} as given in the {@code after} parameter; null for null. */
  public static Cursor parse(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("\\.", -1);
    try {
      if (parts.length == 3) {
        return new Cursor(
            Instant.ofEpochMilli(Long.parseLong(parts[0])),
            Integer.parseInt(parts[1]),
            Long.parseLong(parts[2]));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below, which says what a cursor looks like
    }
    throw ConsoleProblem.badRequest(
        "after must be a cursor like 1764237480000.0.17 (from a next-page link), was '"
            + text
            + "'");
  }

  /** Whether the dead letter sorts after this cursor, and so belongs on a later page. */
  public boolean isBefore(DeadLetter deadLetter) {
    return ORDER.compare(this, of(deadLetter)) < 0;
  }

  @Override
  public String toString() {
    return timestamp.toEpochMilli() + "." + partition + "." + offset;
  }
}
