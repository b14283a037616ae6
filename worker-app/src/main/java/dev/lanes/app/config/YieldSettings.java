package dev.lanes.app.config;

import dev.lanes.LaneConfig;
import dev.lanes.Priority;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a lane yields to more important lanes of the same process, as the config file says it: {@code
 * priority}, {@code max-wait} (its objective; {@code none} for no objective) and {@code
 * yield-floor}.
 */
public record YieldSettings(Priority priority, Optional<Duration> maxWait, int floor) {

  /** The value of {@code max-wait} that sets no objective. */
  static final String NO_OBJECTIVE = "none";

  public YieldSettings {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(maxWait, "maxWait");
  }

  /** The runtime's defaults for a lane of this name ({@link LaneConfig#of(String, String)}). */
  static YieldSettings defaultsFor(String lane) {
    // A blank name is not valid: LaneSettings reports it with its key, so any name does here.
    String name = lane == null || lane.isBlank() ? "lane" : lane;
    LaneConfig defaults = LaneConfig.of(name, "tasks.defaults");
    return new YieldSettings(defaults.priority(), defaults.maxWait(), defaults.yieldFloor());
  }

  LaneConfig applyTo(LaneConfig config) {
    LaneConfig prioritised = config.withPriority(priority).withYieldFloor(floor);
    return maxWait.map(prioritised::withMaxWait).orElseGet(prioritised::withoutMaxWait);
  }
}
