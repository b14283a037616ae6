package dev.lanes.app.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebalance storm: three worker slots started and stopped at random (most stops SIGTERM, some
 * SIGKILL) while tasks keep arriving. Afterwards the lane must drain everything: no partition left
 * stuck, nothing lost. {@code -Dlanes.drill.storm-seconds=N} makes the storm longer (default 90).
 */
@Tag("drill")
class RebalanceStormDrillIT {

  private static final Duration STORM =
      Duration.ofSeconds(Integer.getInteger("lanes.drill.storm-seconds", 90));
  private static final int SLOTS = 3;
  private static final int TASKS_PER_SECOND = 300;

  @TempDir Path dir;

  @Test
  void workersComingAndGoingAtRandomLoseNothingAndLeaveNoPartitionStuck() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (DrillRig rig = DrillRig.start(dir, DrillLane.named("storm"))) {
      rig.note("storm seed=" + seed + " length=" + STORM);
      rig.dependency().addLatency(Duration.ofMillis(2));
      rig.dependency().failWith(503, 0.05);
      LanesProcess[] slots = new LanesProcess[SLOTS];
      slots[0] = rig.startWorker();
      rig.producer().startSteady(TASKS_PER_SECOND);

      long end = System.nanoTime() + STORM.toNanos();
      int changes = 0;
      while (System.nanoTime() < end) {
        LanesProcess.sleep(Duration.ofMillis(1_000 + random.nextInt(4_000)));
        int slot = random.nextInt(SLOTS);
        if (slots[slot] == null) {
          slots[slot] = rig.startWorker();
        } else if (running(slots) > 1) {
          stop(rig, slots[slot], random.nextInt(4) == 0);
          slots[slot] = null;
        }
        changes++;
      }
      for (int slot = 0; slot < SLOTS; slot++) {
        if (slots[slot] == null) {
          slots[slot] = rig.startWorker();
        }
      }
      rig.producer().stopSteady();
      rig.note("storm over after " + changes + " changes; draining");
      rig.awaitAllDone(Duration.ofMinutes(2));
      rig.note("drained");
      DrillReport report = rig.finish("rebalance-storm");

      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
    }
  }

  private static int running(LanesProcess[] slots) {
    int running = 0;
    for (LanesProcess slot : slots) {
      running += slot == null ? 0 : 1;
    }
    return running;
  }

  private static void stop(DrillRig rig, LanesProcess worker, boolean kill) {
    if (kill) {
      worker.kill();
      rig.note("SIGKILL " + worker.name());
    } else {
      int exit = worker.terminate(Duration.ofSeconds(90));
      rig.note("SIGTERM " + worker.name() + " exit=" + exit);
      assertThat(exit).as(worker.tail(20)).isIn(0, 143);
    }
  }
}
