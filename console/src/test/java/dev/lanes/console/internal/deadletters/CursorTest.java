package dev.lanes.console.internal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.console.internal.ConsoleProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

  private static final Instant TEN = Instant.parse("2026-11-27T10:00:00Z");

  private static DeadLetter at(Instant timestamp, int partition, long offset) {
    return DeadLetterSeeds.task("tasks.c", "t-" + partition + "-" + offset, "charge")
        .partition(partition)
        .timestamp(timestamp)
        .toDeadLetter(offset);
  }

  @Test
  void readsBackWhatItWrites() {
    Cursor cursor = new Cursor(TEN, 2, 41);

    assertThat(Cursor.parse(cursor.toString())).isEqualTo(cursor);
    assertThat(cursor.toString()).isEqualTo(TEN.toEpochMilli() + ".2.41");
  }

  @Test
  void ordersByTimestampThenPartitionThenOffsetLikeTheList() {
    Cursor cursor = new Cursor(TEN, 1, 5);

    assertThat(cursor.isBefore(at(TEN.plusMillis(1), 0, 0))).isTrue();
    assertThat(cursor.isBefore(at(TEN, 2, 0))).isTrue();
    assertThat(cursor.isBefore(at(TEN, 1, 6))).isTrue();
    assertThat(cursor.isBefore(at(TEN, 1, 5))).as("the record it names").isFalse();
    assertThat(cursor.isBefore(at(TEN, 1, 4))).isFalse();
    assertThat(cursor.isBefore(at(TEN, 0, 99))).isFalse();
    assertThat(cursor.isBefore(at(TEN.minusMillis(1), 3, 99))).isFalse();
  }

  @Test
  void pagesCoverEveryRecordOnceInOrderWhenTimestampsTie() {
    List<DeadLetter> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(at(TEN.plusSeconds(i / 3), i % 2, i));
    }
    Comparator<DeadLetter> oldestFirst =
        Comparator.comparing(DeadLetter::timestamp)
            .thenComparingInt(DeadLetter::partition)
            .thenComparingLong(DeadLetter::offset);
    List<DeadLetter> seen = new ArrayList<>();
    Cursor cursor = null;
    do {
      Cursor after = cursor;
      List<DeadLetter> page =
          all.stream()
              .filter(d -> after == null || after.isBefore(d))
              .sorted(oldestFirst)
              .limit(3)
              .toList();
      seen.addAll(page);
      cursor = page.size() < 3 ? null : Cursor.of(page.get(page.size() - 1));
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(all.stream().sorted(oldestFirst).toList());
  }

  @Test
  void aCursorThatIsNotOneSaysWhatOneLooksLike() {
    assertThatThrownBy(() -> Cursor.parse("1.2.x"))
        .isInstanceOf(ConsoleProblem.class)
        .hasMessage(
            "after must be a cursor like 1764237480000.0.17 (from a next-page link), was '1.2.x'");
  }
}
