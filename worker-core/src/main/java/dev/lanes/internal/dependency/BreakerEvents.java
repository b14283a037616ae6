package dev.lanes.internal.dependency;

import dev.failsafe.CircuitBreaker;

/** Breaker state changes, as the breakers report them (on whatever thread made the change). */
interface BreakerEvents {

  void opened(GuardedDependency dependency, CircuitBreaker.State from);

  void halfOpened(GuardedDependency dependency, CircuitBreaker.State from);

  void closed(GuardedDependency dependency, CircuitBreaker.State from);
}
