package dev.lanes.topics;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link TopicProvisioner#provision} found. Every topic appears in exactly one place: {@code
 * created}, {@code unchanged} (existed and matched), or with one or more entries in {@code drift}.
 */
public record ProvisioningReport(
    List<String> created, List<String> unchanged, List<TopicDrift> drift) {

  public ProvisioningReport {
    created = List.copyOf(Objects.requireNonNull(created, "created"));
    unchanged = List.copyOf(Objects.requireNonNull(unchanged, "unchanged"));
    drift = List.copyOf(Objects.requireNonNull(drift, "drift"));
    requireEachTopicOnce(created, unchanged, drift);
  }

  public boolean hasDrift() {
    return !drift.isEmpty();
  }

  /** Topics with at least one drifted setting, in report order. */
  public List<String> drifted() {
    return drift.stream().map(TopicDrift::topic).distinct().toList();
  }

  /** One line of counts, then one line per drifted setting. */
  public String summary() {
    StringBuilder summary =
        new StringBuilder()
            .append("topics created=")
            .append(created)
            .append(" unchanged=")
            .append(unchanged)
            .append(" drifted=")
            .append(drifted());
    for (TopicDrift each : drift) {
      summary.append(System.lineSeparator()).append("  ").append(each.message());
    }
    return summary.toString();
  }

  private static void requireEachTopicOnce(
      List<String> created, List<String> unchanged, List<TopicDrift> drift) {
    Set<String> seen = new HashSet<>();
    for (String topic : created) {
      requireFirstSighting(seen, topic);
    }
    for (String topic : unchanged) {
      requireFirstSighting(seen, topic);
    }
    for (String topic : drift.stream().map(TopicDrift::topic).distinct().toList()) {
      requireFirstSighting(seen, topic);
    }
  }

  private static void requireFirstSighting(Set<String> seen, String topic) {
    if (!seen.add(topic)) {
      throw new IllegalArgumentException(
          "each topic must be reported once, '" + topic + "' appears twice");
    }
  }
}
