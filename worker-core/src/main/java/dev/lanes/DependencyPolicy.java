package dev.lanes;

import java.time.Duration;

/**
 * How calls to one dependency are guarded: a circuit breaker (or none), and optionally a timeout
 * per call, a rate limit, a cap on concurrent calls, and a fallback used instead of failing.
 *
 * @param breaker the breaker, or null for none (calls fail through to the retry ladder)
 * @param timeout the longest a call may take, or null
 * @param ratePerSecond calls per second allowed, or 0 for no limit; a call beyond waits up to
 *     {@code maxWait}
 * @param maxConcurrency calls in flight at once, or 0 for no cap; a call beyond waits up to {@code
 *     maxWait}
 * @param maxWait how long a call waits for the rate limit or the concurrency cap
 * @param fallback computes a result instead of failing (also while the breaker is open), or null
 * @param adaptive a concurrency limit that follows the dependency's latency, or null for none
 * @param shared whether the breaker follows the fleet's: a breaker opened by any worker opens on
 *     every worker (through {@code lanes.dependencies}), and one worker of the fleet probes
 */
public record DependencyPolicy(
    BreakerPolicy breaker,
    Duration timeout,
    double ratePerSecond,
    int maxConcurrency,
    Duration maxWait,
    DependencyFallback fallback,
    AdaptiveConcurrency adaptive,
    boolean shared) {

  /** Shared across the fleet, the default. */
  public DependencyPolicy(
      BreakerPolicy breaker,
      Duration timeout,
      double ratePerSecond,
      int maxConcurrency,
      Duration maxWait,
      DependencyFallback fallback,
      AdaptiveConcurrency adaptive) {
    this(breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, true);
  }

  /** Without an adaptive concurrency limit. */
  public DependencyPolicy(
      BreakerPolicy breaker,
      Duration timeout,
      double ratePerSecond,
      int maxConcurrency,
      Duration maxWait,
      DependencyFallback fallback) {
    this(breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, null);
  }

  public DependencyPolicy {
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
    }
    if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be >= 0, was " + ratePerSecond);
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must be >= 0, was " + maxConcurrency);
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must be >= 0, was " + maxWait);
    }
  }

  /** A breaker that opens after 5 failures in a row and half-opens after 10 s; nothing else. */
  public static DependencyPolicy defaults() {
    return withBreaker(BreakerPolicy.failures(5));
  }

  public static DependencyPolicy withBreaker(BreakerPolicy breaker) {
    if (breaker == null) {
      throw new IllegalArgumentException("breaker must not be null; use withoutBreaker()");
    }
    return new DependencyPolicy(breaker, null, 0, 0, Duration.ofSeconds(1), null);
  }

  /** No breaker: failures take the retry ladder. The naive setup, for comparison and drills. */
  public static DependencyPolicy withoutBreaker() {
    return new DependencyPolicy(null, null, 0, 0, Duration.ofSeconds(1), null);
  }

  public DependencyPolicy withTimeout(Duration timeout) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  public DependencyPolicy withRateLimit(double ratePerSecond) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  public DependencyPolicy withMaxConcurrency(int maxConcurrency) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  public DependencyPolicy withMaxWait(Duration maxWait) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  public DependencyPolicy withFallback(DependencyFallback fallback) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  /**
   * Whether this dependency's breaker is shared with the fleet (the default) or kept to this
   * process ({@code false}): each worker then discovers an outage and probes on its own.
   */
  public DependencyPolicy withShared(boolean shared) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  /**
   * Limits concurrent calls adaptively between {@code min} and {@code max}, high-priority lanes
   * guaranteed 80%; see {@link AdaptiveConcurrency}.
   */
  public DependencyPolicy withAdaptiveConcurrency(int min, int max) {
    return withAdaptiveConcurrency(AdaptiveConcurrency.between(min, max));
  }

  public DependencyPolicy withAdaptiveConcurrency(AdaptiveConcurrency adaptive) {
    return new DependencyPolicy(
        breaker, timeout, ratePerSecond, maxConcurrency, maxWait, fallback, adaptive, shared);
  }

  /**
   * The part of the adaptive limit (0-100) guaranteed to lanes of priority HIGH (realtime by
   * default).
   *
   * @throws IllegalStateException without an adaptive limit to share
   */
  public DependencyPolicy withRealtimeShare(int percent) {
    if (adaptive == null) {
      throw new IllegalStateException("realtimeShare needs adaptiveConcurrency(min, max) first");
    }
    return withAdaptiveConcurrency(adaptive.withRealtimeShare(percent));
  }
}
