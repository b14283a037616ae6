package dev.lanes.internal.fleet;

import dev.lanes.DependencyHealth;
import dev.lanes.LaneHealth;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.DependencyView;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.internal.poll.PartitionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes this worker's {@link WorkerReport} from the runtime's figures. Tasks per second are the
 * tasks finished since the previous report over the time between them, so one caller only: the
 * publisher's thread.
 */
final class WorkerReports {

  private final WorkerIdentity identity;
  private final List<LaneSource> lanes;
  private final Supplier<List<DependencyHealth>> dependencies;
  private final Predicate<String> shared;
  private final Map<String, Long> finishedBefore = new HashMap<>();
  private Instant before;

  WorkerReports(
      WorkerIdentity identity,
      List<LaneSource> lanes,
      Supplier<List<DependencyHealth>> dependencies,
      Predicate<String> shared) {
    this.identity = identity;
    this.lanes = List.copyOf(lanes);
    this.dependencies = dependencies;
    this.shared = shared;
  }

  /**
   * What a transition changes: each lane's partitions and those paused on a dependency, and each
   * breaker's state. Equal while nothing happened; lag, rates and pauses for backpressure or a
   * retry's due time move all the time and wait for the interval.
   */
  Object transitions() {
    List<Object> state = new ArrayList<>();
    for (LaneSource lane : lanes) {
      PartitionSnapshot partitions = lane.partitions().get();
      state.add(partitions.owned());
      state.add(
          partitions.paused().stream()
              .filter(paused -> PausedPartition.DEPENDENCY.equals(paused.reason()))
              .toList());
    }
    for (DependencyHealth health : dependencies.get()) {
      state.add(health.name() + "=" + health.state());
    }
    return state;
  }

  WorkerReport at(Instant now) {
    List<LaneReport> laneReports = new ArrayList<>(lanes.size());
    for (LaneSource lane : lanes) {
      laneReports.add(lane(lane, now));
    }
    before = now;
    List<DependencyView> views = new ArrayList<>();
    for (DependencyHealth health : dependencies.get()) {
      views.add(
          new DependencyView(
              health.name(),
              health.state().name(),
              health.since(),
              health.pausedPartitions(),
              shared.test(health.name())));
    }
    return new WorkerReport(
        identity.workerId(),
        identity.host(),
        identity.zone(),
        identity.version(),
        identity.startedAt(),
        now,
        identity.interval(),
        laneReports,
        views);
  }

  private LaneReport lane(LaneSource lane, Instant now) {
    LaneHealth health = lane.health().get();
    PartitionSnapshot partitions = lane.partitions().get();
    long finished = lane.finishedTasks().getAsLong();
    Long finishedThen = finishedBefore.put(lane.lane(), finished);
    return new LaneReport(
        lane.lane(),
        lane.group(),
        partitions.owned(),
        Math.max(0, health.inFlight()),
        Math.max(0, health.lag()),
        Math.max(0, health.lagExcludingPaused()),
        perSecond(finishedThen == null ? finished : finished - finishedThen, now),
        partitions.paused());
  }

  // The first report has nothing to compare with: its rate is over the time since the start.
  private double perSecond(long tasks, Instant now) {
    Instant from = before == null ? identity.startedAt() : before;
    long millis = Duration.between(from, now).toMillis();
    if (millis <= 0 || tasks <= 0) {
      return 0;
    }
    return tasks * 1000.0 / millis;
  }
}
