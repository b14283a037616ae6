package dev.lanes.console.internal.overview;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The last hour as 60 one-minute buckets, the last one the minute in progress, and how records
 * written per minute follow from a partition's offsets at the 61 minute boundaries: the records of
 * bucket {@code i} are those between the first offset at or after boundary {@code i} and the first
 * at or after boundary {@code i + 1} (what the admin API's {@code OffsetSpec.forTimestamp} gives).
 *
 * @param start the first boundary: the start of the minute 59 minutes before the current one
 */
public record MinuteBuckets(Instant start) {

  public static final int MINUTES = 60;
  static final Duration MINUTE = Duration.ofMinutes(1);

  /** The hour whose last bucket is the minute {@code now} falls in. */
  public static MinuteBuckets endingWithMinuteOf(Instant now) {
    return new MinuteBuckets(
        now.truncatedTo(ChronoUnit.MINUTES).minus(MINUTE.multipliedBy(MINUTES - 1)));
  }

  /** Boundary {@code k} of 0..60: the start of bucket {@code k}, or the end of the last. */
  public Instant boundary(int k) {
    if (k < 0 || k > MINUTES) {
      throw new IllegalArgumentException("boundary must be 0.." + MINUTES + ", was " + k);
    }
    return start.plus(MINUTE.multipliedBy(k));
  }

  /** The 61 boundaries, oldest first. */
  public List<Instant> boundaries() {
    List<Instant> boundaries = new ArrayList<>(MINUTES + 1);
    for (int k = 0; k <= MINUTES; k++) {
      boundaries.add(boundary(k));
    }
    return boundaries;
  }

  /**
   * A partition's offset at a boundary: the first offset whose timestamp is at or after it, or,
   * when the admin API found none ({@code -1}), the end offset, since every record written later
   * comes after it.
   */
  public static long offsetAt(long foundForTimestamp, long endOffset) {
    return foundForTimestamp < 0 ? endOffset : Math.min(foundForTimestamp, endOffset);
  }

  /**
   * Records per bucket of one partition from its offsets at the 61 boundaries. A record whose
   * producer-set timestamp is older than one before it can make a difference negative; it counts as
   * none rather than taking records away from a minute.
   */
  public static long[] counts(long[] offsetsAtBoundaries) {
    if (offsetsAtBoundaries.length != MINUTES + 1) {
      throw new IllegalArgumentException(
          "offsets must be given at "
              + (MINUTES + 1)
              + " boundaries, were "
              + offsetsAtBoundaries.length);
    }
    long[] counts = new long[MINUTES];
    for (int i = 0; i < MINUTES; i++) {
      counts[i] = Math.max(0, offsetsAtBoundaries[i + 1] - offsetsAtBoundaries[i]);
    }
    return counts;
  }

  /** The buckets of several partitions added up. */
  public static long[] sum(Collection<long[]> series) {
    long[] total = new long[MINUTES];
    for (long[] counts : series) {
      for (int i = 0; i < MINUTES; i++) {
        total[i] += counts[i];
      }
    }
    return total;
  }
}
