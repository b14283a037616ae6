package dev.lanes.tools.drill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The faults {@code lanes drill} rehearses, in the order {@code all} runs them. The worker ones
 * need only a cluster the workers can reach; the broker ones stop, kill or freeze a node, so they
 * run only on the cluster the drill started itself.
 */
enum DrillScenario {
  KILL_WORKER("kill-worker", false),
  STOP_WORKER("stop-worker", false),
  DEPENDENCY_OUTAGE("dependency-outage", false),
  BROKER_RESTART("broker-restart", true),
  ZONE_LOSS("zone-loss", true),
  FROZEN_BROKER("frozen-broker", true),
  ZONE_PARTITION("zone-partition", true);

  static final String ALL = "all";

  private final String label;
  private final boolean touchesBrokers;

  DrillScenario(String label, boolean touchesBrokers) {
    this.label = label;
    this.touchesBrokers = touchesBrokers;
  }

  String label() {
    return label;
  }

  /** Stops, kills or freezes a Kafka node: never on a cluster the drill did not start. */
  boolean touchesBrokers() {
    return touchesBrokers;
  }

  /** Runs its cluster and workers in network namespaces ({@code ZoneNetwork}): root on Linux. */
  boolean needsZoneNetwork() {
    return this == ZONE_PARTITION;
  }

  /** Every label, in run order, for help texts and error messages. */
  static List<String> labels() {
    return Arrays.stream(values()).map(DrillScenario::label).toList();
  }

  /**
   * The scenarios {@code text} names: {@code all}, or labels separated by commas (each once, in the
   * order given). An unknown or empty name is refused naming it and the known ones.
   */
  static List<DrillScenario> select(String text) {
    if (text.trim().equals(ALL)) {
      return List.of(values());
    }
    Set<DrillScenario> chosen = new LinkedHashSet<>();
    for (String name : text.split(",", -1)) {
      chosen.add(named(name.trim(), text));
    }
    return new ArrayList<>(chosen);
  }

  private static DrillScenario named(String name, String text) {
    for (DrillScenario scenario : values()) {
      if (scenario.label.equals(name)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException(
        "--scenario names an unknown scenario '"
            + name
            + "' (in '"
            + text
            + "'); known: "
            + String.join(", ", labels())
            + ", or "
            + ALL);
  }
}
