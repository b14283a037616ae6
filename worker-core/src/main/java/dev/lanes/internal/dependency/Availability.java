package dev.lanes.internal.dependency;

/** What a dependency's breaker allows right now, as the poll loops see it. */
public enum Availability {
  /** Calls flow: every partition waiting on the dependency may resume. */
  AVAILABLE,
  /** The breaker lets a few probe calls through: resume a partition only with a probe permit. */
  PROBING,
  /** The breaker is open: waiting partitions stay paused. */
  UNAVAILABLE
}
