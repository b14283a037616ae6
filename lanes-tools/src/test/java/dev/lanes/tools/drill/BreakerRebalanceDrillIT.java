package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency goes down, the first worker's breaker opens and pauses its partitions, and then a
 * second worker joins: partitions move while the breaker is open. Breakers live in each process, so
 * the newcomer learns of the outage from its own first failures; after that both may only probe.
 * The calls the dependency gets must stay within that, however many tasks keep arriving.
 */
@Tag("drill")
class BreakerRebalanceDrillIT {

  private static final int BREAKER_FAILURES = 3;
  private static final int BREAKER_DELAY_MS = 3_000;
  private static final int THREADS = 4;
  private static final int TASKS_PER_SECOND = 40;

  @TempDir Path dir;

  @Test
  void aRebalanceWhileTheBreakerIsOpenMakesNoCallsBeyondProbes() {
    DrillLane lane =
        DrillLane.named("breaker-rebalance")
            .withBreaker(BREAKER_FAILURES, BREAKER_DELAY_MS)
            .withThreads(THREADS);
    try (DrillRig rig = DrillRig.start(dir, lane)) {
      rig.producer().startSteady(TASKS_PER_SECOND);
      rig.startWorker();
      rig.awaitProgress(200, Duration.ofMinutes(2));

      rig.dependency().failWith(503, 1.0);
      rig.note("dependency down");
      LanesProcess.sleep(Duration.ofSeconds(5));
      long callsBefore = rig.dependency().calls();
      long windowStart = System.nanoTime();
      rig.startWorker();
      LanesProcess.sleep(Duration.ofSeconds(12));
      long calls = rig.dependency().calls() - callsBefore;
      double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
      rig.dependency().recover();
      rig.note("dependency healed");

      rig.producer().stopSteady();
      rig.awaitAllDone(Duration.ofMinutes(2));
      rig.note("drained");
      DrillReport report = rig.finish("breaker-rebalance");

      // Per worker: the failures that open its breaker, the calls its threads had in flight then,
      // and one probe per breaker delay (plus one for a delay cut short by the window's edges).
      long probes = (long) Math.ceil(windowSeconds * 1000 / BREAKER_DELAY_MS) + 1;
      long bound = 2 * (BREAKER_FAILURES + THREADS + probes);
      long arrived = Math.round(windowSeconds * TASKS_PER_SECOND);
      System.out.printf(
          "drill=breaker-rebalance window=%.1fs calls=%d bound=%d tasks-arrived=%d%n",
          windowSeconds, calls, bound, arrived);
      assertThat(calls).as("calls while open across the rebalance").isLessThanOrEqualTo(bound);
      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
    }
  }
}
