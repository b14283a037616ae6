package dev.lanes.topics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Everything needed to create one topic: name, partition count, replication factor and the topic
 * configs Lanes cares about. Configs not listed here are left to the broker's defaults, and drift
 * detection compares only the keys listed here.
 */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  /** Kafka's limit: longer names break the log directory name (topic-partition) on disk. */
  static final int MAX_NAME_LENGTH = 249;

  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "name must be 1.."
              + MAX_NAME_LENGTH
              + " characters, was "
              + name.length()
              + " ('"
              + name
              + "')");
    }
    if (!LEGAL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must contain only " + LEGAL_NAME.pattern() + ", was '" + name + "'");
    }
    // Kafka rejects these two: they would name the current and parent log directories.
    if (name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("name must not be '.' or '..', was '" + name + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "partitions must be >= 1, was " + partitions + " (topic " + name + ")");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be >= 1, was " + replicationFactor + " (topic " + name + ")");
    }
    configs = copyOf(name, configs);
    requireMinInsyncWithinReplication(name, replicationFactor, configs);
  }

  /** A topic with the broker's default configs. */
  public static TopicSpec of(String name, int partitions, short replicationFactor) {
    return new TopicSpec(name, partitions, replicationFactor, Map.of());
  }

  /** The value this spec sets for {@code key}, empty when the broker default applies. */
  public Optional<String> config(String key) {
    return Optional.ofNullable(configs.get(key));
  }

  public TopicSpec withPartitions(int partitions) {
    return new TopicSpec(name, partitions, replicationFactor, configs);
  }

  public TopicSpec withConfig(String key, String value) {
    Map<String, String> changed = new TreeMap<>(configs);
    changed.put(key, value);
    return new TopicSpec(name, partitions, replicationFactor, changed);
  }

  /** Replication factor and {@code min.insync.replicas} change together: one bounds the other. */
  public TopicSpec withReplication(short replicationFactor, int minInsyncReplicas) {
    Map<String, String> changed = new TreeMap<>(configs);
    changed.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
    return new TopicSpec(name, partitions, replicationFactor, changed);
  }

  private static Map<String, String> copyOf(String name, Map<String, String> configs) {
    Objects.requireNonNull(configs, "configs");
    configs.forEach(
        (key, value) -> {
          if (key == null || value == null) {
            throw new IllegalArgumentException(
                "configs must not hold null keys or values, was "
                    + key
                    + "="
                    + value
                    + " (topic "
                    + name
                    + ")");
          }
        });
    // Sorted, so logs and summaries list configs in the same order every time.
    return Collections.unmodifiableMap(new TreeMap<>(configs));
  }

  // A min.insync.replicas above the replication factor makes every acks=all write fail.
  private static void requireMinInsyncWithinReplication(
      String name, short replicationFactor, Map<String, String> configs) {
    String value = configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    if (value == null) {
      return;
    }
    int minInsync;
    try {
      minInsync = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG
              + " must be a number, was '"
              + value
              + "' (topic "
              + name
              + ")",
          e);
    }
    if (minInsync < 1 || minInsync > replicationFactor) {
      throw new IllegalArgumentException(
          TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG
              + " must be 1..replicationFactor ("
              + replicationFactor
              + "), was "
              + minInsync
              + " (topic "
              + name
              + ")");
    }
  }
}
