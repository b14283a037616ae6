package dev.lanes.console.internal.deadletters;

import dev.lanes.LaneConfig;
import dev.lanes.console.internal.ConsoleProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured lanes by name; an unknown name is a 404 that names the lanes there are. */
final class LaneLookup {

  private final Map<String, LaneConfig> lanes = new LinkedHashMap<>();

  LaneLookup(List<LaneConfig> lanes) {
    lanes.forEach(lane -> this.lanes.put(lane.name(), lane));
  }

  LaneConfig lane(String name) {
    if (name == null) {
      throw ConsoleProblem.badRequest("lane is required; the lanes are " + names());
    }
    LaneConfig lane = lanes.get(name);
    if (lane == null) {
      throw ConsoleProblem.notFound("no lane '" + name + "'; the lanes are " + names());
    }
    return lane;
  }

  private String names() {
    return String.join(", ", lanes.keySet());
  }
}
