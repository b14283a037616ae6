package dev.lanes.topics;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The fleet's own topics, {@link TopicNames#FLEET} and {@link TopicNames#DEPENDENCIES}: compacted
 * logs of small state records, one per worker or dependency, where only the latest per key matters.
 * Provisioned with the lanes' topics, with the catalog's replication.
 */
final class FleetTopics {

  /** A few partitions: one record per worker every few seconds is little, but spread it. */
  static final int FLEET_PARTITIONS = 3;

  /** One partition: the breaker state of every dependency is read in order by every worker. */
  static final int DEPENDENCIES_PARTITIONS = 1;

  // Compaction never touches the active segment: roll often, so a reader starting up reads a few
  // hundred records, not every report since the topic was made.
  static final Duration SEGMENT = Duration.ofMinutes(10);

  // A deleted key (a worker that shut down cleanly) stays a tombstone long enough for a reader
  // that lagged behind to see it, then goes.
  static final Duration TOMBSTONE_RETENTION = Duration.ofHours(1);

  // State records are rewritten every few seconds: compact when a tenth of the log is stale.
  static final String MIN_CLEANABLE_DIRTY_RATIO = "0.1";

  private FleetTopics() {}

  static List<TopicSpec> specs(short replicationFactor, int minInsyncReplicas) {
    return List.of(
        compacted(TopicNames.FLEET, FLEET_PARTITIONS, replicationFactor, minInsyncReplicas),
        compacted(
            TopicNames.DEPENDENCIES,
            DEPENDENCIES_PARTITIONS,
            replicationFactor,
            minInsyncReplicas));
  }

  private static TopicSpec compacted(
      String name, int partitions, short replicationFactor, int minInsyncReplicas) {
    return TopicSpec.of(name, partitions, replicationFactor)
        .withReplication(replicationFactor, minInsyncReplicas)
        .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
        .withConfig(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(SEGMENT.toMillis()))
        .withConfig(
            TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(TOMBSTONE_RETENTION.toMillis()))
        .withConfig(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, MIN_CLEANABLE_DIRTY_RATIO);
  }
}
