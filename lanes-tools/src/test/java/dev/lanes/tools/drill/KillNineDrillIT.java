package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a worker mid-backlog, three times, starting a new one each time: whatever the dead worker
 * had in flight or finished but not committed runs again, so duplicates are expected and nothing
 * may be lost. Some calls fail, so retries are in flight at each kill. {@code
 * -Dlanes.drill.kill9.tasks=N} changes the backlog (default 7,500, sized for the suite's time: a
 * kill every 1,500 done, each still mid-backlog with more than a third of it ahead; it was 15,000,
 * and the drain after the last kill is what the smaller backlog saves).
 */
@Tag("drill")
class KillNineDrillIT {

  private static final int TASKS = Integer.getInteger("lanes.drill.kill9.tasks", 7_500);
  private static final int KILLS = 3;

  @TempDir Path dir;

  @Test
  void killingTheWorkerMidBacklogLosesNothing() {
    try (DrillRig rig = DrillRig.start(dir, DrillLane.named("kill9"))) {
      rig.dependency().addLatency(Duration.ofMillis(5));
      rig.dependency().failWith(503, 0.05);
      rig.producer().produceHttpTasks(TASKS);

      LanesProcess worker = rig.startWorker();
      for (int kill = 0; kill < KILLS; kill++) {
        rig.awaitProgress(TASKS / (KILLS + 2), Duration.ofMinutes(2));
        worker.kill();
        rig.note("SIGKILL " + worker.name());
        worker = rig.startWorker();
      }
      rig.awaitAllDone(Duration.ofMinutes(3));
      DrillReport report = rig.finish("kill-9");

      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
      assertThat(rig.checker().recordsChecked())
          .as("the checker saw the committed offsets pass every task")
          .isGreaterThanOrEqualTo(TASKS);
    }
  }
}
