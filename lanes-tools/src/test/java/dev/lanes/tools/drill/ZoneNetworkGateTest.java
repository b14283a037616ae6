package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneNetworkGateTest {

  private static final String NOT_ROOT = "ip netns does not work here: Operation not permitted";

  private final List<String> notes = new ArrayList<>();

  @Test
  void withoutNamespacesAllLeavesZonePartitionOutWithANoteNamingTheReason() {
    List<DrillScenario> runnable =
        ZoneNetworkGate.runnable(DrillScenario.select("all"), true, () -> NOT_ROOT, notes::add);

    assertThat(runnable)
        .doesNotContain(DrillScenario.ZONE_PARTITION)
        .hasSize(DrillScenario.values().length - 1);
    assertThat(notes).containsExactly("lanes drill: skipping zone-partition: " + NOT_ROOT);
  }

  @Test
  void withoutNamespacesZonePartitionNamedIsRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                ZoneNetworkGate.runnable(
                    DrillScenario.select("kill-worker,zone-partition"),
                    false,
                    () -> NOT_ROOT,
                    notes::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--scenario zone-partition needs network namespaces, which this machine cannot make: "
                + NOT_ROOT);
  }

  @Test
  void withNamespacesEveryScenarioRunsAndScenariosWithoutOneNeverAsk() {
    assertThat(ZoneNetworkGate.runnable(DrillScenario.select("all"), true, () -> "", notes::add))
        .containsExactly(DrillScenario.values());
    assertThat(
            ZoneNetworkGate.runnable(
                DrillScenario.select("zone-loss"),
                false,
                () -> {
                  throw new AssertionError("asked for namespaces without a scenario needing them");
                },
                notes::add))
        .containsExactly(DrillScenario.ZONE_LOSS);
    assertThat(notes).isEmpty();
  }
}
