package dev.lanes.app.status;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code lanes status} shows, decided from fixed data: the fleet topics' state, the lag the
 * admin API measured and the time. Pure, so the health decision is tested with a fixed clock.
 *
 * @param workers the live workers, by id
 * @param goneWorkers workers whose last report is older than {@link
 *     WorkerReport#GONE_AFTER_INTERVALS} intervals (crashed; a clean stop leaves a tombstone)
 * @param lanes every lane of the catalog and every lane a live worker reports, by name
 * @param dependencies every dependency the fleet topic or a live worker knows, by name
 * @param problems why the fleet is not healthy, empty when it is
 */
public record FleetStatus(
    List<WorkerReport> workers,
    int goneWorkers,
    List<LaneRow> lanes,
    List<DependencyRow> dependencies,
    List<String> problems) {

  /**
   * One lane over the fleet. Lag is null when the lane's topics do not exist.
   *
   * @param lagExcludingPaused the lag without partitions a live worker reports paused on a
   *     dependency: what the fleet could work on now
   */
  public record LaneRow(
      String lane,
      int partitions,
      Long lag,
      Long lagExcludingPaused,
      int inFlight,
      double tasksPerSecond,
      long deadLettersLastHour,
      int liveWorkers) {}

  /**
   * One dependency: the fleet's state from {@code lanes.dependencies} when it has one (else the
   * worst state a live worker reports, for a dependency whose breaker is not shared), and the
   * partitions each live worker has paused on it.
   */
  public record DependencyRow(
      String name,
      String state,
      Instant since,
      String by,
      Instant until,
      String reason,
      Map<String, Integer> pausedByWorker) {

    public boolean isOpen() {
      return !DependencyReport.CLOSED.equals(state);
    }
  }

  public FleetStatus {
    workers = List.copyOf(workers);
    lanes = List.copyOf(lanes);
    dependencies = List.copyOf(dependencies);
    problems = List.copyOf(problems);
  }

  public boolean healthy() {
    return problems.isEmpty();
  }

  /**
   * @param catalogLanes the lanes of the configuration's catalog, listed even with no worker
   * @param lags what the admin API measured, by lane
   */
  public static FleetStatus of(
      FleetState fleet, List<String> catalogLanes, Map<String, LaneLag> lags, Instant now) {
    List<WorkerReport> live =
        fleet.workers().values().stream()
            .filter(report -> report.isLive(now))
            .sorted(Comparator.comparing(WorkerReport::workerId))
            .toList();
    int gone = fleet.workers().size() - live.size();
    List<LaneRow> lanes = new ArrayList<>();
    for (String lane : laneNames(catalogLanes, live)) {
      lanes.add(lane(lane, live, lags.get(lane)));
    }
    List<DependencyRow> dependencies = dependencies(fleet.dependencies(), live);
    List<String> problems = new ArrayList<>();
    for (DependencyRow dependency : dependencies) {
      if (dependency.isOpen()) {
        problems.add("dependency " + dependency.name() + " is " + dependency.state());
      }
    }
    for (LaneRow lane : lanes) {
      if (lane.liveWorkers() == 0) {
        problems.add("lane " + lane.lane() + " has no live worker");
      }
    }
    return new FleetStatus(live, gone, lanes, dependencies, problems);
  }

  /** The lanes the catalog names, in its order, then any other lane a live worker runs. */
  static List<String> laneNames(List<String> catalogLanes, List<WorkerReport> live) {
    Set<String> names = new java.util.LinkedHashSet<>(catalogLanes);
    live.stream()
        .flatMap(report -> report.lanes().stream())
        .map(LaneReport::lane)
        .sorted()
        .forEach(names::add);
    return List.copyOf(names);
  }

  private static LaneRow lane(String lane, List<WorkerReport> live, LaneLag lag) {
    List<LaneReport> reports =
        live.stream().map(report -> report.lane(lane)).filter(r -> r != null).toList();
    Set<String> pausedOnDependency = new TreeSet<>();
    reports.stream()
        .flatMap(report -> report.paused().stream())
        .filter(paused -> PausedPartition.DEPENDENCY.equals(paused.reason()))
        .forEach(paused -> pausedOnDependency.add(paused.partition()));
    Long total = null;
    Long excludingPaused = null;
    if (lag != null && lag.partitions() > 0) {
      total = lag.lag();
      long paused =
          pausedOnDependency.stream()
              .mapToLong(partition -> lag.lagByPartition().getOrDefault(partition, 0L))
              .sum();
      excludingPaused = total - paused;
    }
    return new LaneRow(
        lane,
        lag == null ? 0 : lag.partitions(),
        total,
        excludingPaused,
        reports.stream().mapToInt(LaneReport::inFlight).sum(),
        reports.stream().mapToDouble(LaneReport::tasksPerSecond).sum(),
        lag == null ? 0 : lag.deadLettersLastHour(),
        reports.size());
  }

  private static List<DependencyRow> dependencies(
      Map<String, DependencyReport> fleet, List<WorkerReport> live) {
    Map<String, List<WorkerReport.DependencyView>> views = new TreeMap<>();
    for (WorkerReport report : live) {
      report.dependencies().forEach(v -> views.computeIfAbsent(v.name(), n -> new ArrayList<>()));
    }
    Set<String> names = new TreeSet<>(fleet.keySet());
    names.addAll(views.keySet());
    List<DependencyRow> rows = new ArrayList<>();
    for (String name : names) {
      Map<String, Integer> paused = new LinkedHashMap<>();
      WorkerReport.DependencyView worst = null;
      for (WorkerReport report : live) {
        WorkerReport.DependencyView view =
            report.dependencies().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElse(null);
        int count = view != null ? view.pausedPartitions() : pausedOn(report, name);
        if (count > 0) {
          paused.put(report.workerId(), count);
        }
        if (view != null && (worst == null || severity(view.state()) > severity(worst.state()))) {
          worst = view;
        }
      }
      DependencyReport state = fleet.get(name);
      rows.add(
          state != null
              ? new DependencyRow(
                  name,
                  state.state(),
                  state.at(),
                  state.by(),
                  state.until(),
                  state.reason(),
                  paused)
              : new DependencyRow(name, worst.state(), worst.since(), null, null, null, paused));
    }
    return rows;
  }

  private static int pausedOn(WorkerReport report, String dependency) {
    return (int)
        report.lanes().stream()
            .flatMap(lane -> lane.paused().stream())
            .filter(paused -> dependency.equals(paused.dependency()))
            .count();
  }

  private static int severity(String state) {
    return switch (state) {
      case DependencyReport.OPEN -> 2;
      case DependencyReport.HALF_OPEN -> 1;
      default -> 0;
    };
  }
}
