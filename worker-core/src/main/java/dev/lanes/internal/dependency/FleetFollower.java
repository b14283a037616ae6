package dev.lanes.internal.dependency;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.WorkerReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the fleet's breaker records mean for this worker's breakers, without any Kafka: which record
 * opens or closes ours, which is our own or outdated, who probes, and what record a change of ours
 * makes. A change made while applying the fleet's record is not published again.
 */
final class FleetFollower {

  private static final Logger log = LoggerFactory.getLogger(FleetBreakers.class);

  /** An OPEN this many delays past its due time, by a worker not live, is no one's to probe. */
  static final int STALE_AFTER_DELAYS = 2;

  /** Set while this worker applies the fleet's state: that change is not news to the fleet. */
  private static final ThreadLocal<Boolean> APPLYING = ThreadLocal.withInitial(() -> false);

  private final DependencyRegistry registry;
  private final String workerId;
  private final Instant startedAt;
  private final Supplier<? extends Collection<WorkerReport>> liveWorkers;
  private final Supplier<Instant> clock;
  private final Map<String, Instant> lastOwn = new ConcurrentHashMap<>();

  FleetFollower(
      DependencyRegistry registry,
      String workerId,
      Instant startedAt,
      Supplier<? extends Collection<WorkerReport>> liveWorkers,
      Supplier<Instant> clock) {
    this.registry = registry;
    this.workerId = workerId;
    this.startedAt = startedAt;
    this.liveWorkers = liveWorkers;
    this.clock = clock;
  }

  /** Whether this worker is the fleet's prober of {@code dependency} now. */
  boolean isProber(String dependency) {
    Optional<String> prober =
        ProberChoice.prober(
            dependency, live(), now(), workerId, startedAt, registry.waitsOn(dependency));
    return prober.filter(workerId::equals).isPresent();
  }

  /** The record of a change of our breaker to {@code state}; null when the fleet made it. */
  DependencyReport reportOf(GuardedDependency dependency, String state) {
    if (APPLYING.get()) {
      return null;
    }
    Instant now = now();
    String name = dependency.name();
    return switch (state) {
      case DependencyReport.OPEN ->
          new DependencyReport(
              name, state, now.plus(registry.delay(name)), workerId, dependency.lastFailure(), now);
      case DependencyReport.HALF_OPEN ->
          new DependencyReport(name, state, null, workerId, "probing", now);
      default -> new DependencyReport(name, state, null, workerId, "probe succeeded", now);
    };
  }

  /** Our record is on its way: records written before it are older news. */
  void sent(DependencyReport report) {
    lastOwn.put(report.dependency(), report.at());
  }

  /** Opens or closes our breaker as another worker's record says. */
  void apply(DependencyReport report) {
    if (!registry.names().contains(report.dependency())) {
      return;
    }
    String name = report.dependency();
    if (!registry.isShared(name) || isOurOwn(report) || isSuperseded(report) || isStale(report)) {
      return;
    }
    GuardedDependency dependency = registry.get(name);
    APPLYING.set(true);
    try {
      if (report.isClosed() && !dependency.isClosed()) {
        log.info("breaker closed by the fleet dependency={} by={}", name, report.by());
        dependency.closeAsFleet();
      } else if (report.isOpen() ? !dependency.isOpen() : dependency.isClosed()) {
        log.warn(
            "breaker opened by the fleet dependency={} by={} state={} reason={}",
            name,
            report.by(),
            report.state(),
            report.reason());
        dependency.openAsFleet();
      }
    } finally {
      APPLYING.set(false);
    }
  }

  /** Our own record read back; one from before this start (same worker id) still counts. */
  private boolean isOurOwn(DependencyReport report) {
    return report.by().equals(workerId) && !report.at().isBefore(startedAt);
  }

  /** Written before our own latest change of that breaker: ours is the newer news. */
  private boolean isSuperseded(DependencyReport report) {
    Instant own = lastOwn.get(report.dependency());
    return own != null && report.at().isBefore(own);
  }

  /**
   * An OPEN or HALF_OPEN whose writer is not a live worker (gone from {@code lanes.fleet}, or an
   * earlier run under our own id) and that nobody renewed for {@link #STALE_AFTER_DELAYS} delays
   * past its due time: nobody is probing it, so this worker finds out for itself with its own
   * calls. A live prober renews the record on every failed probe, so an outage in progress is never
   * stale; a worker left open by a process that died is, after a few seconds.
   */
  private boolean isStale(DependencyReport report) {
    if (report.isClosed()) {
      return false;
    }
    Instant due = report.until() != null ? report.until() : report.at();
    Duration old = registry.delay(report.dependency()).multipliedBy(STALE_AFTER_DELAYS);
    boolean writerLive =
        !report.by().equals(workerId)
            && live().stream().anyMatch(worker -> worker.workerId().equals(report.by()));
    boolean stale = !writerLive && due.plus(old).isBefore(now());
    if (stale) {
      log.info(
          "fleet breaker record ignored as stale dependency={} state={} by={} until={}",
          report.dependency(),
          report.state(),
          report.by(),
          due);
    }
    return stale;
  }

  private Collection<WorkerReport> live() {
    try {
      Collection<WorkerReport> live = liveWorkers.get();
      return live == null ? List.of() : live;
    } catch (RuntimeException e) {
      // No view of the fleet's workers: choose as if we were alone, never fail the breaker.
      return List.of();
    }
  }

  private Instant now() {
    return clock.get();
  }
}
