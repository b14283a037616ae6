package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes drill --scenario broker-restart}: the three nodes restart one after another, each
 * cleanly stopped and back in sync before the next. A clean stop hands leadership over first, so
 * the target is stricter than for the other broker faults: not one failed send.
 */
@Tag("drill")
class RollingRestartDrillIT {

  @TempDir Path dir;

  @Test
  void aRollingRestartLosesNoTaskAndFailsNoSend() {
    DrillCommandRun run = DrillCommandRun.of(dir, "broker-restart", 1);

    ZoneDrillAssertions.assertNothingLost(run);
    assertThat(run.output())
        .contains("stopped node 1 (zone-a)", "stopped node 2 (zone-b)", "stopped node 3 (zone-c)");
    assertThat(run.has("in_sync_s")).as("in_sync_s in " + run.scenario()).isTrue();
    assertThat(run.count("produce_errors")).as(run.reportLine()).isZero();
  }
}
