package dev.lanes.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;

/** Compares an existing topic with its spec. Pure: the provisioner does the Admin calls. */
final class DriftDetector {

  static final String NOT_SET = "(not set)";

  private DriftDetector() {}

  /**
   * Differences in partition count, replication factor, and the configs the spec sets. Configs the
   * spec leaves out are the broker's business and are not compared.
   */
  static List<TopicDrift> detect(TopicSpec spec, TopicDescription description, Config config) {
    List<TopicDrift> drift = new ArrayList<>();
    int partitions = description.partitions().size();
    if (partitions != spec.partitions()) {
      drift.add(TopicDrift.partitions(spec.name(), spec.partitions(), partitions));
    }
    String replicationFactor = replicationFactor(description);
    if (!replicationFactor.equals(Short.toString(spec.replicationFactor()))) {
      drift.add(
          TopicDrift.replicationFactor(spec.name(), spec.replicationFactor(), replicationFactor));
    }
    spec.configs()
        .forEach(
            (key, expected) -> {
              String actual = valueOf(config.get(key));
              if (!expected.equals(actual)) {
                drift.add(TopicDrift.config(spec.name(), key, expected, actual));
              }
            });
    return drift;
  }

  // Partitions can disagree, e.g. mid-reassignment; report every size seen rather than pick one.
  private static String replicationFactor(TopicDescription description) {
    return description.partitions().stream()
        .map(partition -> partition.replicas().size())
        .distinct()
        .sorted()
        .map(String::valueOf)
        .collect(Collectors.joining(","));
  }

  private static String valueOf(ConfigEntry entry) {
    return entry == null || entry.value() == null ? NOT_SET : entry.value();
  }
}
