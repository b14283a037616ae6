package dev.lanes.topics;

import java.util.List;

/**
 * What {@link TopicProvisioner#check} found, without changing anything: topics the catalog has and
 * the cluster lacks, topics that match, and each drifted setting.
 */
public record TopicCheck(List<String> missing, List<String> matching, List<TopicDrift> drift) {

  public TopicCheck {
    missing = List.copyOf(missing);
    matching = List.copyOf(matching);
    drift = List.copyOf(drift);
  }

  /** Whether the cluster is exactly what the catalog describes. */
  public boolean matches() {
    return missing.isEmpty() && drift.isEmpty();
  }

  /** One line of counts, then one line per missing topic and drifted setting. */
  public String summary() {
    StringBuilder summary =
        new StringBuilder()
            .append("topics missing=")
            .append(missing)
            .append(" matching=")
            .append(matching)
            .append(" drifted=")
            .append(drift.stream().map(TopicDrift::topic).distinct().toList());
    for (TopicDrift each : drift) {
      summary.append(System.lineSeparator()).append("  ").append(each.message());
    }
    return summary.toString();
  }
}
