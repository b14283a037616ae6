package dev.lanes.app.status;

import dev.lanes.LaneConfig;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.topics.TopicNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what {@code lanes status} (and the console's overview) shows from the fleet topics'
 * state: decides which lanes to measure, measures them through the admin API and decides the
 * status. One place, so the CLI and the console cannot disagree on which lanes exist or how lag is
 * counted.
 */
public final class FleetSurvey {

  /**
   * One look at the fleet.
   *
   * @param status what {@code lanes status} prints
   * @param lanes the lanes measured: the catalog's, then those only a live worker reports
   * @param lags what the admin API measured, by lane (per-partition lag included)
   */
  public record Snapshot(FleetStatus status, List<LaneConfig> lanes, Map<String, LaneLag> lags) {
    public Snapshot {
      lanes = List.copyOf(lanes);
      lags = Map.copyOf(lags);
    }
  }

  private final List<LaneConfig> catalogLanes;
  private final LagProbe probe;

  public FleetSurvey(List<LaneConfig> catalogLanes, LagProbe probe) {
    this.catalogLanes = List.copyOf(catalogLanes);
    this.probe = probe;
  }

  /** The fleet now, from the state of the fleet topics read just before. */
  public Snapshot take(FleetState fleet, Instant now) {
    List<LaneConfig> lanes = lanes(catalogLanes, fleet, now);
    Map<String, LaneLag> lags = probe.measure(lanes, now);
    FleetStatus status =
        FleetStatus.of(fleet, lanes.stream().map(LaneConfig::name).toList(), lags, now);
    return new Snapshot(status, lanes, lags);
  }

  /**
   * The catalog's lanes, then any other lane a live worker runs (a worker with another config):
   * that one is measured as a lane of its name with default topics and the group it reports.
   */
  static List<LaneConfig> lanes(List<LaneConfig> catalogLanes, FleetState fleet, Instant now) {
    Map<String, LaneConfig> lanes = new LinkedHashMap<>();
    catalogLanes.forEach(lane -> lanes.put(lane.name(), lane));
    for (WorkerReport report : fleet.workers().values()) {
      if (report.isLive(now)) {
        for (WorkerReport.LaneReport lane : report.lanes()) {
          if (!lanes.containsKey(lane.lane())) {
            try {
              lanes.put(
                  lane.lane(),
                  LaneConfig.of(lane.lane(), TopicNames.main(lane.lane()))
                      .withGroupId(lane.group()));
            } catch (IllegalArgumentException e) {
              // Not a name Lanes gives a lane (a foreign report): listed, but not measured.
            }
          }
        }
      }
    }
    return new ArrayList<>(lanes.values());
  }
}
