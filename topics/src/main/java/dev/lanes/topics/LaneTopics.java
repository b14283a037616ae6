package dev.lanes.topics;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The topics that belong to one lane. Today that is the main topic the lane's tasks are published
 * to; retry and dead-letter topics join it as further fields, and {@link #allTopics()} and {@link
 * #withEachTopic} cover them so callers that provision or re-configure all topics need no change.
 */
public record LaneTopics(String lane, TopicSpec main) {

  // Lowercase, digits and dashes: safe inside topic names, metric tags and config keys alike.
  private static final Pattern LANE_NAME = Pattern.compile("[a-z0-9-]+");

  public LaneTopics {
    requireLaneName(lane);
    Objects.requireNonNull(main, "main");
  }

  /** Every topic of this lane, main topic first. */
  public List<TopicSpec> allTopics() {
    return List.of(main);
  }

  public LaneTopics withMain(TopicSpec main) {
    return new LaneTopics(lane, main);
  }

  /** A copy with {@code change} applied to every topic of this lane. */
  public LaneTopics withEachTopic(UnaryOperator<TopicSpec> change) {
    return new LaneTopics(lane, change.apply(main));
  }

  static String requireLaneName(String lane) {
    Objects.requireNonNull(lane, "lane");
    if (!LANE_NAME.matcher(lane).matches()) {
      throw new IllegalArgumentException(
          "lane must match " + LANE_NAME.pattern() + ", was '" + lane + "'");
    }
    return lane;
  }
}
