package dev.lanes.app.status;

import dev.lanes.app.status.FleetStatus.DependencyRow;
import dev.lanes.app.status.FleetStatus.LaneRow;
import dev.lanes.fleet.WorkerReport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fleet as people read it: workers, lanes and dependencies as aligned tables. */
public final class StatusScreen {

  private static final String NONE = "-";

  private StatusScreen() {}

  public static List<String> lines(FleetStatus status, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("WORKERS (" + status.workers().size() + " live)");
    if (status.workers().isEmpty()) {
      lines.add("no live worker");
    } else {
      Table workers = new Table("WORKER", "HOST", "ZONE", "LANES", "UP SINCE", "LAST SEEN");
      for (WorkerReport worker : status.workers()) {
        workers.row(
            worker.workerId(),
            worker.host(),
            orNone(worker.zone()),
            worker.lanes().stream()
                .map(WorkerReport.LaneReport::lane)
                .collect(Collectors.joining(",")),
            iso(worker.startedAt()),
            age(worker.updatedAt(), now) + " ago");
      }
      lines.addAll(workers.lines());
    }
    if (status.goneWorkers() > 0) {
      lines.add(
          status.goneWorkers()
              + (status.goneWorkers() == 1 ? " worker" : " workers")
              + " gone (no report for "
              + WorkerReport.GONE_AFTER_INTERVALS
              + " intervals)");
    }
    lines.add("");
    lines.add("LANES");
    Table lanes =
        new Table(
            "LANE",
            "PARTITIONS",
            "LAG",
            "LAG (NOT PAUSED)",
            "IN FLIGHT",
            "TASKS/S",
            "DLT (1H)",
            "WORKERS");
    for (LaneRow lane : status.lanes()) {
      lanes.row(
          lane.lane(),
          lane.partitions() == 0 ? NONE : Integer.toString(lane.partitions()),
          orNone(lane.lag()),
          orNone(lane.lagExcludingPaused()),
          Integer.toString(lane.inFlight()),
          String.format(Locale.ROOT, "%.1f", lane.tasksPerSecond()),
          Long.toString(lane.deadLettersLastHour()),
          Integer.toString(lane.liveWorkers()));
    }
    lines.addAll(lanes.lines());
    lines.add("");
    lines.add("DEPENDENCIES");
    if (status.dependencies().isEmpty()) {
      lines.add("no dependency reported");
    } else {
      Table dependencies =
          new Table("DEPENDENCY", "STATE", "SINCE", "BY", "UNTIL", "PAUSED", "REASON");
      for (DependencyRow dependency : status.dependencies()) {
        dependencies.row(
            dependency.name(),
            dependency.state(),
            dependency.since() == null ? NONE : age(dependency.since(), now) + " ago",
            orNone(dependency.by()),
            dependency.until() == null ? NONE : iso(dependency.until()),
            paused(dependency),
            dependency.reason() == null || dependency.reason().isBlank()
                ? NONE
                : oneLine(dependency.reason()));
      }
      lines.addAll(dependencies.lines());
    }
    lines.add("");
    if (status.healthy()) {
      lines.add("healthy");
    } else {
      status.problems().forEach(problem -> lines.add("PROBLEM: " + problem));
    }
    return lines;
  }

  private static String paused(DependencyRow dependency) {
    if (dependency.pausedByWorker().isEmpty()) {
      return NONE;
    }
    return dependency.pausedByWorker().entrySet().stream()
        .map(entry -> entry.getKey() + ":" + entry.getValue())
        .collect(Collectors.joining(","));
  }

  private static String orNone(Object value) {
    return value == null ? NONE : oneLine(value.toString());
  }

  // Ids and reasons come from records anyone could write: keep each row on one line.
  private static String oneLine(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }

  static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The two largest units, e.g. {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. */
  public static String age(Instant since, Instant now) {
    long seconds = Math.max(0, Duration.between(since, now).getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
  }
}
