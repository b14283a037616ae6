package dev.lanes.internal.dependency;

import dev.failsafe.CircuitBreaker;
import dev.lanes.BreakerState;
import dev.lanes.Dependencies;
import dev.lanes.DependencyHealth;
import dev.lanes.DependencyPolicy;
import dev.lanes.NonRetryableException;
import dev.lanes.fleet.DependencyReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's dependencies, one breaker each, shared by all lanes. Its timer half-opens a breaker
 * when its delay is up: a lane whose partitions wait on the dependency makes no calls, so a breaker
 * that half-opened only on the next call would stay open for good. A shared breaker follows the
 * fleet's ({@link FleetBreakers}) and half-opens only on the fleet's prober while the fleet's state
 * can be read.
 */
public final class DependencyRegistry implements Dependencies, BreakerEvents, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DependencyRegistry.class);

  /** How often an adaptive limit's changes may be logged. */
  private static final Duration LIMIT_LOG_INTERVAL = Duration.ofSeconds(5);

  /** How often a breaker past its delay asks again whether this worker is the fleet's prober. */
  static final Duration PROBER_RECHECK = Duration.ofSeconds(1);

  private final Map<String, GuardedDependency> dependencies = new LinkedHashMap<>();
  private final Map<String, DependencyMeters> meters = new LinkedHashMap<>();
  private final Map<String, Duration> delays = new LinkedHashMap<>();
  private final Map<String, Instant> since = new ConcurrentHashMap<>();
  private final Set<String> shared = new HashSet<>();
  private final ScheduledExecutorService timer;

  /** The fleet's breaker state this registry follows, or null: each breaker on its own. */
  private volatile FleetBreakers fleet;

  public DependencyRegistry(Map<String, DependencyPolicy> policies, MeterRegistry registry) {
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lanes-breaker-timer");
              thread.setDaemon(true);
              return thread;
            });
    policies.forEach(
        (name, policy) -> {
          DependencyMeters dependencyMeters = new DependencyMeters(registry, name);
          GuardedDependency dependency =
              new GuardedDependency(name, policy, dependencyMeters, this);
          dependencyMeters.bindState(dependency::availability);
          dependencies.put(name, dependency);
          meters.put(name, dependencyMeters);
          delays.put(name, policy.breaker() == null ? Duration.ZERO : policy.breaker().delay());
          if (policy.shared() && policy.breaker() != null) {
            shared.add(name);
          }
          since.put(name, Instant.now());
          if (dependency.isAdaptive()) {
            LimitChanges changes = new LimitChanges(name, dependency::limit);
            timer.scheduleAtFixedRate(
                changes::check,
                LIMIT_LOG_INTERVAL.toMillis(),
                LIMIT_LOG_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
          }
        });
  }

  @Override
  public GuardedDependency get(String name) {
    GuardedDependency dependency = dependencies.get(name);
    if (dependency == null) {
      throw new NonRetryableException(
          "unknown dependency '" + name + "', known: " + dependencies.keySet());
    }
    return dependency;
  }

  @Override
  public Set<String> names() {
    return dependencies.keySet();
  }

  /** From now on the breakers of shared dependencies follow {@code fleet}, and it hears theirs. */
  void follow(FleetBreakers fleet) {
    this.fleet = fleet;
  }

  /** Whether {@code dependency}'s breaker is shared with the fleet (it has one, and may). */
  public boolean isShared(String dependency) {
    return shared.contains(dependency);
  }

  Duration delay(String dependency) {
    return delays.get(dependency);
  }

  /** Whether some partition of this process waits on {@code dependency} now. */
  boolean waitsOn(String dependency) {
    return meters.get(dependency).pausedPartitions() > 0;
  }

  /** A partition of some lane now waits on {@code dependency}. */
  public void partitionPaused(String dependency) {
    meters.get(dependency).partitionPaused();
  }

  public void partitionResumed(String dependency, Duration waited) {
    meters.get(dependency).partitionResumed(waited);
  }

  public void partitionDropped(String dependency) {
    meters.get(dependency).partitionDropped();
  }

  /** Each dependency's breaker state, since when, and how many partitions wait for it. */
  public List<DependencyHealth> health() {
    List<DependencyHealth> health = new ArrayList<>();
    dependencies.forEach(
        (name, dependency) ->
            health.add(
                new DependencyHealth(
                    name,
                    breakerState(dependency.availability()),
                    since.get(name),
                    meters.get(name).pausedPartitions())));
    return health;
  }

  private static BreakerState breakerState(Availability availability) {
    return switch (availability) {
      case AVAILABLE -> BreakerState.CLOSED;
      case PROBING -> BreakerState.HALF_OPEN;
      case UNAVAILABLE -> BreakerState.OPEN;
    };
  }

  @Override
  public void opened(GuardedDependency dependency, CircuitBreaker.State from) {
    since.put(dependency.name(), Instant.now());
    log.warn(
        "breaker opened dependency={} from={} to=OPEN paused-partitions={} half-open-in={}ms",
        dependency.name(),
        from,
        meters.get(dependency.name()).pausedPartitions(),
        dependency.remainingDelay().toMillis());
    tellFleet(dependency, DependencyReport.OPEN);
    schedule(() -> halfOpenWhenDue(dependency), dependency.remainingDelay());
  }

  @Override
  public void halfOpened(GuardedDependency dependency, CircuitBreaker.State from) {
    since.put(dependency.name(), Instant.now());
    log.info(
        "breaker half-open dependency={} from={} to=HALF_OPEN paused-partitions={} (probing)",
        dependency.name(),
        from,
        meters.get(dependency.name()).pausedPartitions());
    tellFleet(dependency, DependencyReport.HALF_OPEN);
    schedule(() -> reprobeIfStuck(dependency), delays.get(dependency.name()));
  }

  @Override
  public void closed(GuardedDependency dependency, CircuitBreaker.State from) {
    since.put(dependency.name(), Instant.now());
    log.info(
        "breaker closed dependency={} from={} to=CLOSED paused-partitions={} (resuming)",
        dependency.name(),
        from,
        meters.get(dependency.name()).pausedPartitions());
    tellFleet(dependency, DependencyReport.CLOSED);
  }

  private void tellFleet(GuardedDependency dependency, String state) {
    FleetBreakers following = fleet;
    if (following != null && shared.contains(dependency.name())) {
      following.changed(dependency, state);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** The timer's check when an open breaker's delay is up; package-private for unit tests. */
  void halfOpenWhenDue(GuardedDependency dependency) {
    Duration remaining = dependency.remainingDelay();
    if (!remaining.isZero()) {
      // Reopened meanwhile, or the timer ran a hair early: check again when it is due.
      schedule(() -> halfOpenWhenDue(dependency), remaining);
      return;
    }
    FleetBreakers following = fleet;
    if (following != null
        && shared.contains(dependency.name())
        && !following.mayProbe(dependency.name())) {
      // Another worker probes for the fleet: stay open, and ask again (it may have died).
      schedule(() -> halfOpenWhenDue(dependency), PROBER_RECHECK);
      return;
    }
    dependency.halfOpenIfDue();
  }

  /**
   * Still half-open a whole delay later: the probes handed out never called (their partitions moved
   * to another worker, say), so hand out new ones.
   */
  private void reprobeIfStuck(GuardedDependency dependency) {
    if (dependency.isHalfOpen()) {
      dependency.grantProbes();
      schedule(() -> reprobeIfStuck(dependency), delays.get(dependency.name()));
    }
  }

  private void schedule(Runnable action, Duration delay) {
    try {
      timer.schedule(action, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The runtime is closing: nothing waits for the breaker anymore.
    }
  }
}
