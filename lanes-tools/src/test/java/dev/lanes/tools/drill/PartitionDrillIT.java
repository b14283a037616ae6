package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanes.embedded.ZoneNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes drill --scenario zone-partition}: zone-c (its Kafka node and both its workers, each
 * in zone-c's network namespace) is cut off for 20 s while everything keeps running, then healed.
 * The other zones fence the node and take the partitions; no task may be lost, and the node must be
 * back in sync. Needs root on Linux for the namespaces.
 */
@Tag("drill")
class PartitionDrillIT {

  @TempDir Path dir;

  @Test
  void aPartitionedZoneLosesNoTaskAndItsNodeCatchesUpAfterTheHeal() {
    assumeTrue(ZoneNetwork.available(), () -> "skipped: " + ZoneNetwork.unavailableReason());

    DrillCommandRun run = DrillCommandRun.of(dir, "zone-partition", 1);

    ZoneDrillAssertions.assertNothingLost(run);
    assertThat(run.output()).contains("cut zone-c off the network: node 3 and workers w3");
    assertThat(run.has("in_sync_s")).as("in_sync_s in " + run.scenario()).isTrue();
  }
}
