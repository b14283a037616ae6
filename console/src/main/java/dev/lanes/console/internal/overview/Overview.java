package dev.lanes.console.internal.overview;

import dev.lanes.app.status.FleetStatus.DependencyRow;
import java.time.Instant;
import java.util.List;

/**
 * What the overview shows at one instant: every lane with its figures and last hour, every
 * dependency's breaker, the live workers and what is wrong.
 *
 * @param at when it was read
 * @param hour the minutes the lanes' series count
 * @param fleetReported whether the fleet topics exist; false when no worker ever ran with fleet
 *     reporting, so no lane can have live workers, tasks/s or in-flight figures
 * @param lanes the catalog's lanes, then those only a live worker reports
 * @param dependencies every dependency the fleet knows, by name
 * @param workers live workers
 * @param problems why the fleet is not healthy, as {@code lanes status} says it
 */
public record Overview(
    Instant at,
    MinuteBuckets hour,
    boolean fleetReported,
    List<LaneView> lanes,
    List<DependencyRow> dependencies,
    int workers,
    List<String> problems) {

  public Overview {
    lanes = List.copyOf(lanes);
    dependencies = List.copyOf(dependencies);
    problems = List.copyOf(problems);
  }
}
