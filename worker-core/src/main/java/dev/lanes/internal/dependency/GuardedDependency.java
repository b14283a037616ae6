package dev.lanes.internal.dependency;

import com.netflix.concurrency.limits.Limiter;
import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerBuilder;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import dev.failsafe.Policy;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RateLimiter;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.lanes.BreakerPolicy;
import dev.lanes.Dependency;
import dev.lanes.DependencyCall;
import dev.lanes.DependencyPolicy;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.NonRetryableException;
import dev.lanes.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One named dependency: its Failsafe policies (fallback, breaker, rate limit, concurrency cap,
 * adaptive limit, timeout, outermost first) and the breaker's state as the poll loops need it.
 * Shared by every lane of the process. The adaptive limit sits between two Failsafe executors so
 * that it sees each call's own outcome, timeouts included, and neither the breaker's rejections nor
 * the fallback's stand-in values.
 */
public final class GuardedDependency implements Dependency {

  private final String name;
  private final CircuitBreaker<Object> breaker;
  private final int probes;
  private final FailsafeExecutor<Object> executor;
  private final FailsafeExecutor<Object> timeout;
  private final DependencyLimiter limiter;
  private final DependencyMeters meters;
  private final AtomicInteger probePermits = new AtomicInteger();

  /** What the last failed call threw: why the breaker opened, when it did. */
  private volatile Throwable lastFailure;

  GuardedDependency(
      String name, DependencyPolicy policy, DependencyMeters meters, BreakerEvents events) {
    this.name = name;
    this.meters = meters;
    this.breaker = policy.breaker() == null ? null : breaker(policy.breaker(), events);
    this.probes = policy.breaker() == null ? 0 : policy.breaker().successesToClose();
    this.executor = executor(policy);
    this.timeout =
        policy.timeout() == null
            ? Failsafe.none()
            : Failsafe.with(Timeout.builder(policy.timeout()).withInterrupt().build());
    this.limiter =
        policy.adaptive() == null
            ? null
            : new DependencyLimiter(policy.adaptive(), System::nanoTime);
    if (limiter != null) {
      meters.bindLimit(limiter::limit, limiter::inFlight);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public <T> T call(DependencyCall<T> call) throws Exception {
    return call(null, null, call);
  }

  /**
   * A call made by a task of {@code lane} of {@code priority} (both null outside a lane): the
   * priority picks its share of the limit.
   */
  public <T> T call(String lane, Priority priority, DependencyCall<T> call) throws Exception {
    try {
      T result = executor.get(() -> limited(lane, priority, call));
      meters.succeeded();
      return result;
    } catch (CircuitBreakerOpenException e) {
      meters.rejected();
      throw new DependencyUnavailableException(name, e);
    } catch (NoPermitException e) {
      meters.limitRejected();
      throw new DependencyUnavailableException(name, "concurrency limit reached", e);
    } catch (FailsafeException e) {
      // Failsafe wraps checked exceptions; hand the handler what its call threw.
      throw failed(e.getCause() instanceof Exception cause ? cause : e);
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Whether a call of a lane of {@code priority} would find a permit of the adaptive limit now
   * (always without one): partitions that waited for a permit resume when it does.
   */
  public boolean hasPermitFor(Priority priority) {
    return limiter == null || limiter.hasPermitFor(priority);
  }

  /** The adaptive limit now, or 0 without one. */
  int limit() {
    return limiter == null ? 0 : limiter.limit();
  }

  boolean isAdaptive() {
    return limiter != null;
  }

  /**
   * The call under the adaptive limit, if any, and inside it the timeout. Every permit hears one
   * outcome: a timeout drops it (the algorithm's signal of overload), success counts its latency,
   * any other failure is ignored (a fast error says nothing of the dependency's load).
   */
  private <T> T limited(String lane, Priority priority, DependencyCall<T> call) throws Throwable {
    if (limiter == null) {
      return timed(call);
    }
    Optional<Limiter.Listener> permit = limiter.acquire(priority);
    if (permit.isEmpty()) {
      throw new NoPermitException(name, lane, limiter.limit());
    }
    Limiter.Listener listener = permit.get();
    boolean heard = false;
    try {
      T result = timed(call);
      listener.onSuccess();
      heard = true;
      return result;
    } catch (TimeoutExceededException e) {
      listener.onDropped();
      heard = true;
      throw e;
    } finally {
      if (!heard) {
        listener.onIgnore();
      }
    }
  }

  private <T> T timed(DependencyCall<T> call) throws Throwable {
    try {
      return timeout.get(call::call);
    } catch (FailsafeException e) {
      // Hand the outer policies what the call threw, not Failsafe's wrapper of it.
      lastFailure = e.getCause() == null ? e : e.getCause();
      throw lastFailure;
    } catch (Throwable e) {
      lastFailure = e;
      throw e;
    }
  }

  /** The last failed call's error, short, for the fleet's record of why the breaker opened. */
  String lastFailure() {
    Throwable failure = lastFailure;
    if (failure == null) {
      return "";
    }
    String text =
        failure.getMessage() == null
            ? failure.getClass().getSimpleName()
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  /** What the breaker allows now; never a call, so it does not move the breaker's state. */
  public Availability availability() {
    if (breaker == null || breaker.isClosed()) {
      return Availability.AVAILABLE;
    }
    return breaker.isHalfOpen() ? Availability.PROBING : Availability.UNAVAILABLE;
  }

  /**
   * Takes one of the half-open breaker's probe permits: the caller may resume one waiting
   * partition, whose next task makes the probe call.
   */
  public boolean tryTakeProbe() {
    return probePermits.getAndUpdate(permits -> Math.max(0, permits - 1)) > 0;
  }

  /** How long the breaker stays open from now; zero unless open. */
  Duration remainingDelay() {
    return breaker == null ? Duration.ZERO : breaker.getRemainingDelay();
  }

  /** Half-opens a breaker that has stayed open for its delay: a paused lane makes no calls. */
  void halfOpenIfDue() {
    if (breaker != null && breaker.getRemainingDelay().isZero()) {
      halfOpen();
    }
  }

  /** Half-opens an open breaker now; unit tests use it rather than wait for the delay. */
  void halfOpen() {
    if (breaker != null && breaker.isOpen()) {
      breaker.halfOpen();
    }
  }

  /** Opens the breaker as another worker's did; the partitions then pause as on a failure. */
  void openAsFleet() {
    if (breaker != null && !breaker.isOpen()) {
      breaker.open();
    }
  }

  /** Closes the breaker as the fleet's prober closed its own. */
  void closeAsFleet() {
    if (breaker != null && !breaker.isClosed()) {
      breaker.close();
    }
  }

  boolean isClosed() {
    return breaker == null || breaker.isClosed();
  }

  boolean isOpen() {
    return breaker != null && breaker.isOpen();
  }

  /** Hands out probe permits again, e.g. when earlier probes never called (partition moved). */
  void grantProbes() {
    probePermits.set(probes);
  }

  boolean isHalfOpen() {
    return breaker != null && breaker.isHalfOpen();
  }

  private Exception failed(Exception error) {
    meters.failed();
    // This failure may just have opened the breaker: then the task waits like a rejected one.
    if (breaker != null && breaker.isOpen()) {
      return new DependencyUnavailableException(name, error);
    }
    return error;
  }

  private FailsafeExecutor<Object> executor(DependencyPolicy policy) {
    List<Policy<Object>> policies = new ArrayList<>();
    if (policy.fallback() != null) {
      policies.add(
          Fallback.of(
              event -> {
                Throwable failure = event.getLastException();
                if (failure instanceof CircuitBreakerOpenException) {
                  meters.rejected();
                  failure = new DependencyUnavailableException(name, failure);
                } else if (failure instanceof NoPermitException) {
                  meters.limitRejected();
                  failure =
                      new DependencyUnavailableException(
                          name, "concurrency limit reached", failure);
                }
                return policy.fallback().apply(failure);
              }));
    }
    if (breaker != null) {
      policies.add(breaker);
    }
    if (policy.ratePerSecond() > 0) {
      long perMinute = Math.max(1, Math.round(policy.ratePerSecond() * 60));
      policies.add(
          RateLimiter.smoothBuilder(perMinute, Duration.ofMinutes(1))
              .withMaxWaitTime(policy.maxWait())
              .build());
    }
    if (policy.maxConcurrency() > 0) {
      policies.add(
          Bulkhead.builder(policy.maxConcurrency()).withMaxWaitTime(policy.maxWait()).build());
    }
    return policies.isEmpty() ? Failsafe.none() : Failsafe.with(policies);
  }

  private CircuitBreaker<Object> breaker(BreakerPolicy policy, BreakerEvents events) {
    CircuitBreakerBuilder<Object> builder =
        CircuitBreaker.builder()
            // Our own limits and a task the dependency rightly refused say nothing about its
            // health.
            .handleIf(
                (result, failure) ->
                    failure != null
                        && !(failure instanceof NonRetryableException)
                        && !(failure instanceof RateLimitExceededException)
                        && !(failure instanceof NoPermitException)
                        && !(failure instanceof BulkheadFullException))
            .withDelay(policy.delay())
            .withSuccessThreshold(policy.successesToClose());
    if (policy.failureThreshold() > 0) {
      builder.withFailureThreshold(policy.failureThreshold());
    } else {
      builder.withFailureRateThreshold(
          policy.failureRatePercent(), policy.minimumCalls(), policy.window());
    }
    return builder
        .onOpen(event -> events.opened(this, event.getPreviousState()))
        .onHalfOpen(
            event -> {
              grantProbes();
              events.halfOpened(this, event.getPreviousState());
            })
        .onClose(event -> events.closed(this, event.getPreviousState()))
        .build();
  }
}
