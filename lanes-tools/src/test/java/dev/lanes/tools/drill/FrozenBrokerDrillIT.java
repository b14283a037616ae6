package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes drill --scenario frozen-broker}: zone-b's node is frozen (SIGSTOP: its sockets stay
 * open, it answers nothing) for 20 s, then thawed. Clients must time out on it rather than hang,
 * the controller must fence it (while its process still runs), and no task may be lost.
 */
@Tag("drill")
class FrozenBrokerDrillIT {

  @TempDir Path dir;

  @Test
  void aFrozenBrokerLosesNoTaskAndCatchesUpAfterTheThaw() {
    DrillCommandRun run = DrillCommandRun.of(dir, "frozen-broker", 1);

    ZoneDrillAssertions.assertNothingLost(run);
    assertThat(run.output()).contains("froze node 2 (zone-b): SIGSTOP");
    ZoneDrillAssertions.assertFencedWhileRunning(run, 2);
    assertThat(run.has("in_sync_s")).as("in_sync_s in " + run.scenario()).isTrue();
  }
}
