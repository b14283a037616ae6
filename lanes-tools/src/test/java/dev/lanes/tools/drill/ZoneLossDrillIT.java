package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes drill --scenario zone-loss}: zone-a's Kafka node and both its workers get SIGKILL at
 * once and come back after 20 s. Two replicas of three stay in sync, so production goes on, the
 * other zones' workers take zone-a's partitions, and no task may be lost.
 */
@Tag("drill")
class ZoneLossDrillIT {

  @TempDir Path dir;

  @Test
  void losingAZoneLosesNoTaskAndTheNodeCatchesUp() {
    DrillCommandRun run = DrillCommandRun.of(dir, "zone-loss", 2);

    ZoneDrillAssertions.assertNothingLost(run);
    assertThat(run.output()).contains("killed zone-a: node 1 and workers w1, w2");
    assertThat(run.has("in_sync_s")).as("in_sync_s in " + run.scenario()).isTrue();
  }
}
