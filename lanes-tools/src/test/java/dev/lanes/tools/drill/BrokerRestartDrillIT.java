package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops for 30 seconds while two workers run a backlog with retries in flight, then
 * comes back at the same address with its data. The workers must ride it out (not exit), and every
 * task must end up completed or dead-lettered. {@code -Dlanes.drill.broker-restart.tasks=N} changes
 * the backlog (default 8,000, sized for the suite's time: the broker still stops once 3,000 are
 * done, mid-backlog with retries in flight; it was 20,000, whose drain after the restart took 85 s
 * of the drill's 145).
 */
@Tag("drill")
class BrokerRestartDrillIT {

  private static final int TASKS = Integer.getInteger("lanes.drill.broker-restart.tasks", 8_000);
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aBrokerOutageWithRetriesInFlightLosesNothing() {
    try (DrillRig rig = DrillRig.start(dir, DrillLane.named("broker-restart"))) {
      rig.dependency().addLatency(Duration.ofMillis(5));
      rig.dependency().failWith(503, 0.2);
      rig.producer().produceHttpTasks(TASKS);
      LanesProcess first = rig.startWorker();
      LanesProcess second = rig.startWorker();
      rig.awaitProgress(3_000, Duration.ofMinutes(2));

      rig.broker().stop();
      rig.note("broker stopped");
      LanesProcess.sleep(OUTAGE);
      rig.broker().restart();
      rig.note("broker restarted");
      rig.awaitAllDone(Duration.ofMinutes(3));
      rig.note("drained");

      assertThat(first.isAlive()).as("worker-1 rode out the outage\n" + first.tail(30)).isTrue();
      assertThat(second.isAlive()).as("worker-2 rode out the outage\n" + second.tail(30)).isTrue();
      DrillReport report = rig.finish("broker-restart");
      assertThat(report.lost()).as(report.toString()).isEmpty();
      assertThat(rig.checker().violations()).as(rig.checker().summary()).isEmpty();
    }
  }
}
