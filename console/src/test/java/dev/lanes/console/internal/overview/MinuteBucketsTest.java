package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteBucketsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:15:42Z");

  @Test
  void theHourEndsWithTheMinuteInProgressAndHasSixtyOneBoundaries() {
    MinuteBuckets hour = MinuteBuckets.endingWithMinuteOf(NOW);

    assertThat(hour.start()).isEqualTo(Instant.parse("2026-12-01T08:16:00Z"));
    assertThat(hour.boundaries()).hasSize(61);
    assertThat(hour.boundary(59)).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
    assertThat(hour.boundary(60)).isEqualTo(Instant.parse("2026-12-01T09:16:00Z"));
  }

  @Test
  void aBoundaryWithNoRecordAtOrAfterItIsAtTheEndOffset() {
    assertThat(MinuteBuckets.offsetAt(-1, 42)).isEqualTo(42);
    assertThat(MinuteBuckets.offsetAt(17, 42)).isEqualTo(17);
    // The end was read a moment before a record arrived: never past the end.
    assertThat(MinuteBuckets.offsetAt(43, 42)).isEqualTo(42);
  }

  @Test
  void recordsPerMinuteAreTheDifferencesOfOffsetsAtConsecutiveBoundaries() {
    long[] offsets = new long[61];
    // 3 records in minute 10, 1 in minute 59 (the one in progress), none elsewhere.
    for (int k = 11; k <= 59; k++) {
      offsets[k] = 3;
    }
    offsets[60] = 4;

    long[] counts = MinuteBuckets.counts(offsets);

    assertThat(counts).hasSize(60);
    assertThat(counts[10]).isEqualTo(3);
    assertThat(counts[59]).isEqualTo(1);
    assertThat(sum(counts)).isEqualTo(4);
  }

  @Test
  void aRecordWithAnOlderTimestampThanTheOneBeforeItTakesNothingAwayFromAMinute() {
    long[] offsets = new long[61];
    offsets[5] = 7;
    offsets[6] = 5; // out of order timestamps: the first offset at or after minute 6 is lower
    for (int k = 7; k <= 60; k++) {
      offsets[k] = 9;
    }

    long[] counts = MinuteBuckets.counts(offsets);

    assertThat(counts[4]).isEqualTo(7);
    assertThat(counts[5]).isZero();
    assertThat(counts[6]).isEqualTo(4);
  }

  @Test
  void seriesOfSeveralPartitionsAddUp() {
    long[] a = new long[60];
    long[] b = new long[60];
    a[3] = 2;
    b[3] = 5;
    b[59] = 1;

    long[] total = MinuteBuckets.sum(List.of(a, b));

    assertThat(total[3]).isEqualTo(7);
    assertThat(total[59]).isEqualTo(1);
  }

  @Test
  void offsetsAtTheWrongNumberOfBoundariesAreRefusedWithTheCount() {
    assertThatThrownBy(() -> MinuteBuckets.counts(new long[60]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offsets must be given at 61 boundaries, were 60");
    assertThatThrownBy(() -> MinuteBuckets.endingWithMinuteOf(NOW).boundary(61))
        .hasMessage("boundary must be 0..60, was 61");
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }
}
