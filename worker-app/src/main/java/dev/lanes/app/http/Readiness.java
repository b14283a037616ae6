package dev.lanes.app.http;

import dev.lanes.BreakerState;
import dev.lanes.DependencyHealth;
import dev.lanes.LaneHealth;
import dev.lanes.LaneState;
import dev.lanes.RuntimeHealth;
import java.util.List;

/**
 * Whether the worker is doing its job: the broker answers and every lane runs and has joined its
 * group. An open breaker does not count against it (see {@link HealthServer}); the report still
 * lists every dependency so an operator sees it.
 */
final class Readiness {

  private Readiness() {}

  static Report evaluate(RuntimeHealth health, BrokerStatus broker) {
    boolean lanesReady =
        health.lanes().stream()
            .allMatch(lane -> lane.state() == LaneState.RUNNING && lane.joined());
    return new Report(
        HealthStatus.of(broker.reachable() && lanesReady),
        broker.describe(),
        health.lanes().stream().map(Readiness::lane).toList(),
        health.dependencies().stream().map(Readiness::dependency).toList());
  }

  private static Lane lane(LaneHealth lane) {
    return new Lane(
        lane.name(),
        lane.state(),
        lane.joined(),
        lane.assignedPartitions(),
        lane.lag(),
        lane.lagExcludingPaused());
  }

  private static Dependency dependency(DependencyHealth dependency) {
    return new Dependency(
        dependency.name(),
        dependency.state(),
        dependency.since().toString(),
        dependency.pausedPartitions());
  }

  /** The body of {@code /health/ready}. */
  record Report(
      HealthStatus status, String broker, List<Lane> lanes, List<Dependency> dependencies) {}

  record Lane(
      String name,
      LaneState state,
      boolean joined,
      int assignedPartitions,
      long lag,
      long lagExcludingPaused) {}

  /** {@code since} is ISO-8601 in UTC, e.g. {@code 2026-11-27T12:03:00Z}. */
  record Dependency(String name, BreakerState state, String since, int pausedPartitions) {}
}
