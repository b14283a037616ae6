package dev.lanes.internal.fleet;

import dev.lanes.BreakerState;
import dev.lanes.DependencyHealth;
import dev.lanes.LaneHealth;
import dev.lanes.LaneState;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.poll.PartitionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A worker's figures set by hand, and a clock moved by hand, for the fleet's unit tests. */
final class FleetFixture {

  static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(5);
  static final String WORKER = "worker-1";

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final LaneClock clock =
      new LaneClock(
          () -> START.toEpochMilli() + (nanos.get() - 1_000_000_000L) / 1_000_000, nanos::get);
  volatile LaneHealth health = new LaneHealth("realtime", LaneState.RUNNING, 0, true, 2, 40, 30, 7);
  volatile PartitionSnapshot partitions =
      new PartitionSnapshot(List.of("tasks.realtime-0", "tasks.realtime-1"), List.of());
  volatile List<DependencyHealth> dependencies =
      List.of(new DependencyHealth("payments", BreakerState.CLOSED, START, 0));
  final AtomicLong finished = new AtomicLong();

  WorkerReports reports() {
    return new WorkerReports(
        new WorkerIdentity(WORKER, "host-a", "zone-b", "1.2.3", START, INTERVAL),
        List.of(
            new LaneSource(
                "realtime", "lanes-realtime", () -> health, () -> partitions, finished::get)),
        () -> dependencies,
        name -> true);
  }

  void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }
}
