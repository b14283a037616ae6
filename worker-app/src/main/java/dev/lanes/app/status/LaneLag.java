package dev.lanes.app.status;

import java.util.Map;

/**
 * What the admin API says about one lane: how far its groups are behind and how many tasks it
 * dead-lettered lately.
 *
 * @param lane the lane
 * @param partitions partitions of its main topic, or 0 when the topic does not exist
 * @param lagByPartition records behind the end, per main and retry partition ({@code topic-n}); a
 *     partition the group never committed counts from the log's start, as the workers' {@code
 *     auto.offset.reset=earliest} would read it
 * @param deadLettersLastHour records written to its dead-letter topic in the last hour
 */
public record LaneLag(
    String lane, int partitions, Map<String, Long> lagByPartition, long deadLettersLastHour) {

  public LaneLag {
    lagByPartition = Map.copyOf(lagByPartition);
  }

  /** A lane whose topics do not exist (yet): nothing to measure. */
  static LaneLag missing(String lane) {
    return new LaneLag(lane, 0, Map.of(), 0);
  }

  public long lag() {
    return lagByPartition.values().stream().mapToLong(Long::longValue).sum();
  }
}
