package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM under load: workers join and leave a busy lane, each leaving one draining its in-flight
 * tasks and committing before it exits. A graceful stop hands partitions over cleanly, so no task
 * may run twice. {@code -Dlanes.drill.sigterm.backlog=N} changes the backlog (default 2,000: each
 * stop still meets a busy worker with tasks polled and waiting; it was 5,000, and the smaller
 * backlog shortens the drain after the last stop), {@code -Dlanes.drill.sigterm.step=N} the tasks
 * done between two changes of the group (default 1,000; it was 1,500).
 */
@Tag("drill")
class SigtermDrillIT {

  private static final int BACKLOG = Integer.getInteger("lanes.drill.sigterm.backlog", 2_000);
  private static final int TASKS_PER_SECOND = 150;
  // Tasks done between two changes of the group: several seconds and commits (one a second) each.
  // It was 1,500; each step is a wait that only lets the lane run.
  private static final int STEP = Integer.getInteger("lanes.drill.sigterm.step", 1_000);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void stoppingWorkersWithSigtermUnderLoadLosesNothingAndRunsNothingTwice() {
    try (DrillRig rig = DrillRig.start(dir, DrillLane.named("sigterm"))) {
      rig.dependency().addLatency(Duration.ofMillis(5));
      rig.dependency().failWith(503, 0.05);
      rig.producer().produceHttpTasks(BACKLOG);
      rig.producer().startSteady(TASKS_PER_SECOND);

      LanesProcess first = rig.startWorker();
      rig.awaitProgress(STEP, Duration.ofMinutes(2));
      LanesProcess second = rig.startWorker();
      rig.awaitProgress(STEP, Duration.ofMinutes(2));
      assertStopsGracefully(rig, first);
      rig.awaitProgress(STEP, Duration.ofMinutes(2));
      rig.startWorker();
      rig.awaitProgress(STEP, Duration.ofMinutes(2));
      assertStopsGracefully(rig, second);
      rig.producer().stopSteady();
      rig.awaitAllDone(Duration.ofMinutes(3));
      rig.note("drained");
      DrillReport report = rig.finish("sigterm");

      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(report.duplicates()).as(report.toString()).isZero();
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
    }
  }

  private static void assertStopsGracefully(DrillRig rig, LanesProcess worker) {
    long from = System.nanoTime();
    int exit = worker.terminate(STOP_TIMEOUT);
    rig.note(
        String.format(
            "SIGTERM %s exit=%d after %.1f s",
            worker.name(), exit, (System.nanoTime() - from) / 1e9));
    // A clean drain is a success: the command halts with its own 0, not the JVM's 143.
    assertThat(exit).as(worker.tail(20)).isZero();
    assertThat(worker.output())
        .contains("lanes: stopping: draining in-flight tasks and committing");
  }
}
