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

  /**
   * How long after its start a worker whose view of {@code lanes.fleet} has not loaded yet never
   * probes: it cannot tell whether an older worker is probing. Past it (the view cannot be read),
   * it probes as if alone rather than leave a breaker open for good.
   */
  static final Duration UNKNOWN_FLEET_GRACE = Duration.ofSeconds(15);

  /** Set while this worker applies the fleet's state: that change is not news to the fleet. */
  private static final ThreadLocal<Boolean> APPLYING = ThreadLocal.withInitial(() -> false);

  private final DependencyRegistry registry;
  private final String workerId;
  private final Instant startedAt;
  private final Supplier<? extends Collection<WorkerReport>> liveWorkers;
  private final Supplier<Instant> clock;
  private final Map<String, Instant> lastOwn = new ConcurrentHashMap<>();
  // Per dependency, the fleet's latest OPEN or HALF_OPEN (read, or ours sent): who holds the probe.
  private final Map<String, DependencyReport> probeHolders = new ConcurrentHashMap<>();

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

  /**
   * Whether this worker is the fleet's prober of {@code dependency} now. While it cannot yet tell
   * who is alive (its view of {@code lanes.fleet} is still loading), another worker holding the
   * probe is presumed alive, and for {@link #UNKNOWN_FLEET_GRACE} after its start it does not probe
   * at all: a worker that just started must not probe in an older one's place.
   */
  boolean isProber(String dependency) {
    String holder = holder(dependency);
    Collection<WorkerReport> live = liveOrNull();
    if (live == null
        && ((holder != null && !holder.equals(workerId))
            || now().isBefore(startedAt.plus(UNKNOWN_FLEET_GRACE)))) {
      return false;
    }
    Optional<String> prober =
        ProberChoice.prober(
            dependency,
            live == null ? List.of() : live,
            now(),
            workerId,
            startedAt,
            registry.waitsOn(dependency),
            holder);
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
    holds(report);
  }

  /**
   * The worker holding the probe of {@code dependency}: the writer of the fleet's latest OPEN or
   * HALF_OPEN, while that is recent (a holder with nothing left to probe with stops renewing it,
   * and after two delays another waiting worker may take over); else null.
   */
  private String holder(String dependency) {
    DependencyReport latest = probeHolders.get(dependency);
    if (latest == null) {
      return null;
    }
    Duration recent = registry.delay(dependency).multipliedBy(STALE_AFTER_DELAYS);
    return latest.at().plus(recent).isBefore(now()) ? null : latest.by();
  }

  private void holds(DependencyReport report) {
    if (report.isClosed()) {
      probeHolders.remove(report.dependency());
    } else {
      probeHolders.merge(
          report.dependency(), report, (old, next) -> next.at().isBefore(old.at()) ? old : next);
    }
  }

  /** Opens or closes our breaker as another worker's record says. */
  void apply(DependencyReport report) {
    if (!registry.names().contains(report.dependency())) {
      return;
    }
    String name = report.dependency();
    if (!registry.isShared(name)) {
      return;
    }
    if (!isSuperseded(report)) {
      holds(report);
    }
    if (isOurOwn(report) || isSuperseded(report) || isStale(report)) {
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
    Collection<WorkerReport> live = liveOrNull();
    return live == null ? List.of() : live;
  }

  /** The live workers, or null when that is not known yet (or cannot be known). */
  private Collection<WorkerReport> liveOrNull() {
    try {
      return liveWorkers.get();
    } catch (RuntimeException e) {
      // No view of the fleet's workers: choose as if we were alone, never fail the breaker.
      return List.of();
    }
  }

  private Instant now() {
    return clock.get();
  }
}
