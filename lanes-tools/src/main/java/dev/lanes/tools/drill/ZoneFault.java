package dev.lanes.tools.drill;

/**
 * What a scenario does to the rig: it strikes, lasts {@code --duration} (unless the strike is the
 * whole fault, as in a rolling restart), and is repaired.
 */
interface ZoneFault {

  /** Breaks something; says what on the rig's timeline. */
  void strike(ZoneRig rig);

  /** Whether the fault is left in place for {@code --duration} before {@link #heal}. */
  default boolean lastsDuration() {
    return true;
  }

  /**
   * Repairs what {@link #strike} broke. Returns, for a fault that took a Kafka node away, the
   * seconds from the node's return until every replica was back in sync (null if they were not
   * within the drill's bound); null for the other faults.
   */
  Double heal(ZoneRig rig);

  /** Whether the rig's cluster and workers must live in a {@code ZoneNetwork}'s zones. */
  default boolean needsZoneNetwork() {
    return false;
  }

  static ZoneFault of(DrillScenario scenario) {
    return switch (scenario) {
      case KILL_WORKER -> new WorkerFaults.Kill();
      case STOP_WORKER -> new WorkerFaults.Stop();
      case DEPENDENCY_OUTAGE -> new WorkerFaults.DependencyOutage();
      case BROKER_RESTART -> new BrokerFaults.RollingRestart();
      case ZONE_LOSS -> new BrokerFaults.ZoneLoss();
      case FROZEN_BROKER -> new BrokerFaults.FrozenBroker();
      case ZONE_PARTITION -> new ZonePartition();
    };
  }
}
