package dev.lanes.tools.drill;

import java.time.Duration;

/** Faults of the fleet and its dependency; the Kafka cluster is left alone. */
final class WorkerFaults {

  static final String VICTIM_ZONE = "zone-a";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private WorkerFaults() {}

  /** SIGKILL one worker: no drain, no commit; a replacement starts when the fault is healed. */
  static final class Kill implements ZoneFault {
    @Override
    public void strike(ZoneRig rig) {
      ZoneWorker victim = rig.liveWorkers(VICTIM_ZONE).get(0);
      victim.process().kill();
      rig.timeline().event("SIGKILL " + victim.name() + " (" + victim.zone() + ")");
    }

    @Override
    public Double heal(ZoneRig rig) {
      rig.startWorkers(VICTIM_ZONE, 1);
      return null;
    }
  }

  /** SIGTERM one worker: it drains and commits; a replacement starts when the fault is healed. */
  static final class Stop implements ZoneFault {
    @Override
    public void strike(ZoneRig rig) {
      ZoneWorker victim = rig.liveWorkers(VICTIM_ZONE).get(0);
      long from = System.nanoTime();
      int exit = victim.process().terminate(STOP_TIMEOUT);
      rig.timeline()
          .event(
              String.format(
                  "SIGTERM %s (%s): exited %d after %.1f s",
                  victim.name(), victim.zone(), exit, (System.nanoTime() - from) / 1e9));
    }

    @Override
    public Double heal(ZoneRig rig) {
      rig.startWorkers(VICTIM_ZONE, 1);
      return null;
    }
  }

  /** The fake dependency answers 503 to every call until healed. */
  static final class DependencyOutage implements ZoneFault {
    @Override
    public void strike(ZoneRig rig) {
      rig.dependency().failWith(503, 1.0);
      rig.timeline().event("dependency down: 503 to every call");
    }

    @Override
    public Double heal(ZoneRig rig) {
      rig.dependency().recover();
      rig.timeline().event("dependency healthy again");
      return null;
    }
  }
}
