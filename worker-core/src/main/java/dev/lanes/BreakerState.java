package dev.lanes;

/** A dependency's circuit breaker, as health endpoints and operators see it. */
public enum BreakerState {
  /** Calls flow; also the state of a dependency without a breaker. */
  CLOSED,
  /** A few probe calls test whether the dependency is back. */
  HALF_OPEN,
  /** Calls are refused; partitions waiting for the dependency stay paused. */
  OPEN
}
