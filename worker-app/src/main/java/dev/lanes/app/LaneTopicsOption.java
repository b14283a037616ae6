package dev.lanes.app;

import dev.lanes.app.config.LanesConfig;
import dev.lanes.topics.LaneTopics;

/** Resolves a {@code --lane} name to its topics through the catalog, or a usage error. */
final class LaneTopicsOption {

  private LaneTopicsOption() {}

  static LaneTopics resolve(LanesConfig config, String lane) {
    try {
      return config.catalog().lane(lane);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--lane: " + e.getMessage(), e);
    }
  }
}
