package dev.lanes.app.http;

import dev.lanes.BreakerState;
import dev.lanes.DependencyHealth;
import dev.lanes.LaneHealth;
import dev.lanes.LaneState;
import dev.lanes.RuntimeHealth;
import java.time.Instant;
import java.util.List;

/** Lane and dependency snapshots as a runtime would report them. */
final class HealthFixtures {

  static final Instant OPENED_AT = Instant.parse("2026-11-27T12:03:00Z");

  private HealthFixtures() {}

  /** A running lane that polled 50 ms ago, joined, owning 4 partitions, 7 records behind. */
  static LaneHealth running(String name) {
    return new LaneHealth(name, LaneState.RUNNING, 50, true, 4, 7, 7, 0);
  }

  static LaneHealth inState(String name, LaneState state) {
    return new LaneHealth(name, state, 50, true, 4, 7, 7, 0);
  }

  static LaneHealth polledAgo(String name, long millis) {
    return new LaneHealth(name, LaneState.RUNNING, millis, true, 4, 7, 7, 0);
  }

  static LaneHealth notJoined(String name) {
    return new LaneHealth(name, LaneState.RUNNING, 50, false, 0, 0, 0, 0);
  }

  static DependencyHealth closed(String name) {
    return new DependencyHealth(name, BreakerState.CLOSED, OPENED_AT.minusSeconds(3600), 0);
  }

  static DependencyHealth open(String name, int pausedPartitions) {
    return new DependencyHealth(name, BreakerState.OPEN, OPENED_AT, pausedPartitions);
  }

  static RuntimeHealth lanes(LaneHealth... lanes) {
    return new RuntimeHealth(List.of(lanes), List.of());
  }
}
