package dev.lanes.app.http;

import dev.lanes.LaneHealth;
import dev.lanes.LaneState;
import dev.lanes.RuntimeHealth;
import java.time.Duration;
import java.util.List;

/**
 * Whether the process should be restarted: only for what a restart fixes, a lane whose poll loop
 * died (FAILED) or hangs (has not polled within the threshold). Nothing outside the process, such
 * as the broker or a dependency, is looked at: restarting every worker during someone else's outage
 * only adds rebalances to it.
 */
final class Liveness {

  private Liveness() {}

  static Report evaluate(RuntimeHealth health, Duration threshold) {
    boolean up = health.lanes().stream().allMatch(lane -> isAlive(lane, threshold));
    List<Lane> lanes =
        health.lanes().stream()
            .map(lane -> new Lane(lane.name(), lane.state(), lane.millisSinceLastPoll()))
            .toList();
    return new Report(HealthStatus.of(up), lanes);
  }

  static boolean isAlive(LaneHealth lane, Duration threshold) {
    // STOPPING still polls: a lane draining for a graceful stop must not be killed mid-drain.
    boolean polling = lane.state() == LaneState.RUNNING || lane.state() == LaneState.STOPPING;
    return polling && lane.millisSinceLastPoll() <= threshold.toMillis();
  }

  /** The body of {@code /health/live}. */
  record Report(HealthStatus status, List<Lane> lanes) {}

  record Lane(String name, LaneState state, long millisSinceLastPoll) {}
}
