package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SIGKILL costs with and without static membership: two workers on a lane with steady
 * traffic, one is killed and restarted at once with the same command line, and the drill measures
 * how long after the kill every partition completes a task again (the dead worker's partitions are
 * the last). With {@code --worker-id} the restarted worker takes its old place in the group, so its
 * partitions wait for a JVM start; with the default id it is a new member, and the dead one's
 * partitions wait until the group gives up on it after {@code session.timeout.ms}.
 *
 * <p>The session timeout is Kafka's default, 45 s, not the other drills' 10 s: that is too close to
 * a JVM start on a busy machine (5-12 s measured here) to tell the two apart. The figures are
 * printed against it, with the time the restarted JVM took to start its lane.
 */
@Tag("drill")
class StaticMembershipDrillIT {

  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);
  private static final Map<String, String> SESSION =
      Map.of("LANES_KAFKA_SESSION_TIMEOUT_MS", Long.toString(SESSION_TIMEOUT.toMillis()));
  private static final int TASKS_PER_SECOND = 120;

  @TempDir Path dir;

  @Test
  void aKilledStaticWorkerGetsItsPartitionsBackWithoutWaitingForTheSessionTimeout() {
    Duration staticResume = killAndRestart("static", dir.resolve("static"), true);
    Duration dynamicResume = killAndRestart("dynamic", dir.resolve("dynamic"), false);

    assertThat(staticResume)
        .as("static %s vs dynamic %s", staticResume, dynamicResume)
        .isLessThan(dynamicResume.dividedBy(2));
    assertThat(dynamicResume)
        .as("a new member waits for the dead one's session to time out")
        .isGreaterThanOrEqualTo(SESSION_TIMEOUT.multipliedBy(8).dividedBy(10));
  }

  /** Runs one case in a rig of its own; returns how long the killed worker's partitions stood. */
  private static Duration killAndRestart(String mode, Path dir, boolean staticMembership) {
    dir.toFile().mkdirs();
    try (DrillRig rig = DrillRig.start(dir, DrillLane.named("static-" + mode))) {
      rig.dependency().addLatency(Duration.ofMillis(2));
      // One worker by option and one by variable, so both ways of naming a worker are used.
      List<String> firstId = staticMembership ? List.of("--worker-id", "drill-0") : List.of();
      Map<String, String> secondEnv = staticMembership ? withWorkerId("drill-1") : SESSION;
      LanesProcess first = rig.startWorker(firstId, SESSION);
      rig.startWorker(List.of(), secondEnv);
      rig.producer().startSteady(TASKS_PER_SECOND);
      rig.awaitProgress(TASKS_PER_SECOND * 3, Duration.ofMinutes(1));

      long sequence = rig.producer().sequence();
      long killedAt = System.nanoTime();
      first.kill();
      rig.note("SIGKILL " + first.name() + " (" + mode + ")");
      rig.startWorker(firstId, SESSION);
      Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
      Duration resumed =
          rig.awaitEveryPartitionMovesOn(
              sequence, killedAt, SESSION_TIMEOUT.plus(Duration.ofSeconds(60)));
      rig.producer().stopSteady();
      rig.awaitAllDone(Duration.ofMinutes(1));
      DrillReport report = rig.finish("static-membership-" + mode);
      System.out.printf(
          Locale.ROOT,
          "drill=static-membership mode=%s partitions-resume-after=%.1fs session-timeout=%ds"
              + " (%.0f%% of it) worker-restart=%.1fs lost=%d%n",
          mode,
          resumed.toMillis() / 1000.0,
          SESSION_TIMEOUT.toSeconds(),
          100.0 * resumed.toMillis() / SESSION_TIMEOUT.toMillis(),
          restart.toMillis() / 1000.0,
          report.lost().size());

      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
      return resumed;
    }
  }

  private static Map<String, String> withWorkerId(String id) {
    Map<String, String> env = new HashMap<>(SESSION);
    env.put("LANES_WORKER_ID", id);
    return env;
  }
}
