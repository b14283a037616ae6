package dev.lanes.console.internal.overview;

import dev.lanes.app.status.FleetStatus.LaneRow;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One lane on the overview: the figures {@code lanes status} shows, the lag of each main and retry
 * partition, and its retries and dead letters per minute over the last hour.
 *
 * @param row the lane's figures over the fleet
 * @param partitionLag records behind per partition ({@code topic-n}), main topic first
 * @param retriesPerMinute records written to its retry topics, 60 minutes, oldest first
 * @param deadLettersPerMinute records written to its dead-letter topic, 60 minutes
 */
public record LaneView(
    LaneRow row,
    Map<String, Long> partitionLag,
    long[] retriesPerMinute,
    long[] deadLettersPerMinute,
    Chart chart) {

  private static final String NONE = "-";

  /** Partitions in topic order, then by number (so {@code -10} follows {@code -9}). */
  static final Comparator<String> PARTITION_ORDER =
      Comparator.comparing((String p) -> p.substring(0, Math.max(0, p.lastIndexOf('-'))))
          .thenComparingInt(LaneView::partitionNumber);

  public LaneView {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (String partition : partitionLag.keySet().stream().sorted(PARTITION_ORDER).toList()) {
      ordered.put(partition, partitionLag.get(partition));
    }
    partitionLag = Collections.unmodifiableMap(ordered);
    retriesPerMinute = retriesPerMinute.clone();
    deadLettersPerMinute = deadLettersPerMinute.clone();
  }

  public String name() {
    return row.lane();
  }

  public String lagText() {
    return row.lag() == null ? NONE : Long.toString(row.lag());
  }

  public String lagExcludingPausedText() {
    return row.lagExcludingPaused() == null ? NONE : Long.toString(row.lagExcludingPaused());
  }

  public String tasksPerSecondText() {
    return String.format(Locale.ROOT, "%.1f", row.tasksPerSecond());
  }

  public String partitionsText() {
    return row.partitions() == 0 ? "no topic" : Integer.toString(row.partitions());
  }

  private static int partitionNumber(String partition) {
    try {
      return Integer.parseInt(partition.substring(partition.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
