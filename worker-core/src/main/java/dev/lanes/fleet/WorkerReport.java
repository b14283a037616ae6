package dev.lanes.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One worker's state as it publishes it on {@code lanes.fleet}: who it is, where, since when, its
 * lanes and its view of each dependency. Published on every transition and at a fixed interval; a
 * reader treats a report older than {@link #GONE_AFTER_INTERVALS} intervals as a worker that is
 * gone (it crashed; a clean shutdown publishes a tombstone instead).
 *
 * @param workerId the worker's id, the record's key
 * @param host the host (pod) name
 * @param zone the worker's {@code client.rack}, or null when not set
 * @param version the Lanes version the worker runs
 * @param startedAt when the worker started
 * @param updatedAt when this report was made
 * @param interval how often the worker publishes when nothing changes
 * @param lanes each lane the worker runs
 * @param dependencies the worker's view of each dependency it knows
 */
public record WorkerReport(
    String workerId,
    String host,
    String zone,
    String version,
    Instant startedAt,
    Instant updatedAt,
    Duration interval,
    List<LaneReport> lanes,
    List<DependencyView> dependencies) {

  /** A report not renewed for this many intervals belongs to a worker that is gone. */
  public static final int GONE_AFTER_INTERVALS = 3;

  public WorkerReport {
    requireText(workerId, "workerId");
    requireText(host, "host");
    requireText(version, "version");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be > 0, was " + interval);
    }
    lanes = List.copyOf(Objects.requireNonNull(lanes, "lanes"));
    dependencies = List.copyOf(Objects.requireNonNull(dependencies, "dependencies"));
  }

  /** Whether the worker counts as alive at {@code now}: its report is fresh enough. */
  public boolean isLive(Instant now) {
    return !now.isAfter(updatedAt.plus(interval.multipliedBy(GONE_AFTER_INTERVALS)));
  }

  /** The lane named {@code lane}, or null when the worker does not run it. */
  public LaneReport lane(String lane) {
    return lanes.stream().filter(report -> report.lane().equals(lane)).findFirst().orElse(null);
  }

  /** Whether any of the worker's partitions waits on {@code dependency} now. */
  public boolean waitsOn(String dependency) {
    return lanes.stream()
        .flatMap(lane -> lane.paused().stream())
        .anyMatch(paused -> dependency.equals(paused.dependency()));
  }

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, was " + value);
    }
    return value;
  }

  /**
   * One lane of the worker.
   *
   * @param lane the lane's name
   * @param group the lane's consumer group
   * @param partitions the partitions it owns now (main and retry topics), as {@code topic-n}
   * @param inFlight records polled and not finished
   * @param lag records behind the end of its partitions (log end minus committed)
   * @param lagExcludingPaused the same without partitions paused on a dependency
   * @param tasksPerSecond tasks finished per second over the last interval
   * @param paused partitions paused now, and why
   */
  public record LaneReport(
      String lane,
      String group,
      List<String> partitions,
      int inFlight,
      long lag,
      long lagExcludingPaused,
      double tasksPerSecond,
      List<PausedPartition> paused) {

    public LaneReport {
      requireText(lane, "lane");
      requireText(group, "group");
      partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
      paused = List.copyOf(Objects.requireNonNull(paused, "paused"));
      if (inFlight < 0) {
        throw new IllegalArgumentException("inFlight must be >= 0, was " + inFlight);
      }
      if (lag < 0 || lagExcludingPaused < 0) {
        throw new IllegalArgumentException(
            "lag must be >= 0, was " + lag + " (excluding paused " + lagExcludingPaused + ")");
      }
      if (!(tasksPerSecond >= 0) || Double.isInfinite(tasksPerSecond)) {
        throw new IllegalArgumentException("tasksPerSecond must be >= 0, was " + tasksPerSecond);
      }
    }
  }

  /**
   * A partition paused now.
   *
   * @param partition the partition, as {@code topic-n}
   * @param reason why: {@link #DEPENDENCY} (its dependency's breaker or limit rejected a call),
   *     {@link #BACKPRESSURE} (the lane or the partition's window is full) or {@link #RETRY_DUE} (a
   *     retry partition waiting for its next record's due time)
   * @param dependency the dependency it waits on when the reason is {@link #DEPENDENCY}, else null
   */
  public record PausedPartition(String partition, String reason, String dependency) {
    public static final String DEPENDENCY = "dependency";
    public static final String BACKPRESSURE = "backpressure";
    public static final String RETRY_DUE = "retry-due";

    public PausedPartition {
      requireText(partition, "partition");
      requireText(reason, "reason");
      if (DEPENDENCY.equals(reason)) {
        requireText(dependency, "dependency");
      }
    }

    public static PausedPartition onDependency(String partition, String dependency) {
      return new PausedPartition(partition, DEPENDENCY, dependency);
    }
  }

  /**
   * The worker's own view of one dependency.
   *
   * @param name the dependency
   * @param state its breaker here: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN} (see {@link
   *     dev.lanes.BreakerState})
   * @param since when the breaker entered that state
   * @param pausedPartitions this worker's partitions waiting for it
   * @param shared whether its breaker follows the fleet's ({@code lanes.dependencies})
   */
  public record DependencyView(
      String name, String state, Instant since, int pausedPartitions, boolean shared) {
    public DependencyView {
      requireText(name, "name");
      requireText(state, "state");
      Objects.requireNonNull(since, "since");
    }
  }
}
