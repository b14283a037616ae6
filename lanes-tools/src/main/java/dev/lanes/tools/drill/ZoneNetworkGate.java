package dev.lanes.tools.drill;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where zone networks cannot be made (not Linux, not root, no iproute2), the scenarios that need
 * one are refused when named and left out of {@code all} with a note; the others run as ever.
 */
final class ZoneNetworkGate {

  private ZoneNetworkGate() {}

  /**
   * The scenarios of {@code chosen} that can run here. {@code unavailableReason} says why zone
   * networks cannot be made, empty when they can; it is asked only if a chosen scenario needs one.
   *
   * @throws IllegalArgumentException when one was named (not {@code all}) and cannot run
   */
  static List<DrillScenario> runnable(
      List<DrillScenario> chosen,
      boolean all,
      Supplier<String> unavailableReason,
      Consumer<String> note) {
    List<DrillScenario> needing = chosen.stream().filter(DrillScenario::needsZoneNetwork).toList();
    if (needing.isEmpty()) {
      return chosen;
    }
    String reason = unavailableReason.get();
    if (reason.isEmpty()) {
      return chosen;
    }
    String labels = String.join(", ", needing.stream().map(DrillScenario::label).toList());
    if (!all) {
      throw new IllegalArgumentException(
          "--scenario "
              + labels
              + " needs network namespaces, which this machine cannot make: "
              + reason);
    }
    note.accept("lanes drill: skipping " + labels + ": " + reason);
    return chosen.stream().filter(scenario -> !scenario.needsZoneNetwork()).toList();
  }
}
