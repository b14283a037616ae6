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
 * @param mainTopic the lane's main topic
 * @param partitionLag records behind per partition ({@code topic-n}), main topic first
 * @param retriesPerMinute records written to its retry topics, 60 minutes, oldest first
 * @param deadLettersPerMinute records written to its dead-letter topic, 60 minutes
 */
public record LaneView(
    LaneRow row,
    String mainTopic,
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

  /**
   * The partitions the page lists: every partition of the main topic, and a retry partition only
   * while it is behind (a lane has three retry topics by default; listing their idle partitions
   * would make every row three times as tall for nothing).
   */
  public Map<String, Long> listedPartitions() {
    Map<String, Long> listed = new LinkedHashMap<>();
    partitionLag.forEach(
        (partition, lag) -> {
          if (lag > 0 || partition.substring(0, partition.lastIndexOf('-')).equals(mainTopic)) {
            listed.put(partition, lag);
          }
        });
    return listed;
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
    return switch (row.partitions()) {
      case 0 -> "no topic yet";
      case 1 -> "1 partition";
      default -> row.partitions() + " partitions";
    };
  }

  private static int partitionNumber(String partition) {
    try {
      return Integer.parseInt(partition.substring(partition.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
