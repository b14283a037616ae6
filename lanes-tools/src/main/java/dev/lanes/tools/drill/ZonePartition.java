package dev.lanes.tools.drill;

import dev.lanes.embedded.ClusterNode;
import java.util.stream.Collectors;

/**
 * Cuts zone-c off the network: its Kafka node and its workers keep running and reach each other,
 * and nothing else (no other node, no client, not the dependency). The majority zones fence the
 * node and take its partitions; the workers in zone-c lose their group. Healed, the node catches up
 * and the workers rejoin.
 */
final class ZonePartition implements ZoneFault {

  static final String ZONE = "zone-c";

  @Override
  public boolean needsZoneNetwork() {
    return true;
  }

  @Override
  public void strike(ZoneRig rig) {
    ClusterNode node = rig.node(ZONE);
    String workers =
        rig.liveWorkers(ZONE).stream().map(ZoneWorker::name).collect(Collectors.joining(", "));
    long cutAt = System.nanoTime();
    rig.network().cut(ZONE);
    rig.timeline()
        .event(
            "cut "
                + ZONE
                + " off the network: node "
                + node.id()
                + " and workers "
                + workers
                + " keep running");
    NodeFencing.await(rig, node, cutAt, "the cut");
  }

  @Override
  public Double heal(ZoneRig rig) {
    long from = System.nanoTime();
    rig.network().heal(ZONE);
    rig.timeline().event("healed " + ZONE + ": its link is up again");
    return BrokerFaults.awaitInSync(rig, from, "the heal");
  }
}
