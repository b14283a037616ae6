package dev.lanes.app.status;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.WorkerReport;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest record per key of the two fleet topics, tombstones applied: every worker's last report
 * (live or not) and the fleet's breaker state of every dependency.
 */
public record FleetState(
    Map<String, WorkerReport> workers, Map<String, DependencyReport> dependencies) {

  public FleetState {
    workers = Map.copyOf(workers);
    dependencies = Map.copyOf(dependencies);
  }

  static FleetState of(Map<String, WorkerReport> workers, Map<String, DependencyReport> deps) {
    return new FleetState(new TreeMap<>(workers), new TreeMap<>(deps));
  }
}
