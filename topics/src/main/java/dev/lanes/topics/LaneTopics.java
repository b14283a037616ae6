package dev.lanes.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The topics that belong to one lane: the main topic its tasks are published to, its retry topics
 * (in the order a failing task passes through them, possibly none) and its dead-letter topic. All
 * of them have the same partition count; see {@link TopicLayout}.
 */
public record LaneTopics(
    String lane, TopicSpec main, List<TopicSpec> retries, TopicSpec deadLetter) {

  // Lowercase, digits and dashes: safe inside topic names, metric tags and config keys alike.
  private static final Pattern LANE_NAME = Pattern.compile("[a-z0-9-]+");

  public LaneTopics {
    requireLaneName(lane);
    Objects.requireNonNull(main, "main");
    retries = copyOf(lane, retries);
    Objects.requireNonNull(deadLetter, "deadLetter");
    requireSamePartitions(lane, all(main, retries, deadLetter));
  }

  /** Every topic of this lane: main topic, retry topics in order, dead-letter topic. */
  public List<TopicSpec> allTopics() {
    return all(main, retries, deadLetter);
  }

  /** Retry topic {@code number}, counting from 1 like {@link TopicNames#retry}. */
  public TopicSpec retryTopic(int number) {
    if (number < 1 || number > retries.size()) {
      throw new IllegalArgumentException(
          "retry topic number must be 1.."
              + retries.size()
              + ", was "
              + number
              + " (lane "
              + lane
              + ")");
    }
    return retries.get(number - 1);
  }

  public List<String> retryTopicNames() {
    return retries.stream().map(TopicSpec::name).toList();
  }

  /** A copy where every topic of this lane has {@code partitions} partitions. */
  public LaneTopics withPartitions(int partitions) {
    return withEachTopic(topic -> topic.withPartitions(partitions));
  }

  /** A copy with {@code change} applied to every topic of this lane. */
  public LaneTopics withEachTopic(UnaryOperator<TopicSpec> change) {
    return new LaneTopics(
        lane, change.apply(main), retries.stream().map(change).toList(), change.apply(deadLetter));
  }

  static String requireLaneName(String lane) {
    Objects.requireNonNull(lane, "lane");
    if (!LANE_NAME.matcher(lane).matches()) {
      throw new IllegalArgumentException(
          "lane must match " + LANE_NAME.pattern() + ", was '" + lane + "'");
    }
    return lane;
  }

  private static List<TopicSpec> all(
      TopicSpec main, List<TopicSpec> retries, TopicSpec deadLetter) {
    List<TopicSpec> all = new ArrayList<>();
    all.add(main);
    all.addAll(retries);
    all.add(deadLetter);
    return List.copyOf(all);
  }

  private static List<TopicSpec> copyOf(String lane, List<TopicSpec> retries) {
    Objects.requireNonNull(retries, "retries");
    for (TopicSpec retry : retries) {
      Objects.requireNonNull(retry, () -> "retries must not contain null (lane " + lane + ")");
    }
    return List.copyOf(retries);
  }

  // The rule TopicLayout applies to the cluster, checked here too so a bad catalog fails at
  // startup.
  private static void requireSamePartitions(String lane, List<TopicSpec> topics) {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    topics.forEach(topic -> partitions.put(topic.name(), topic.partitions()));
    TopicLayout.problem(lane, List.copyOf(partitions.keySet()), partitions)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }
}
