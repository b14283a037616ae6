package dev.lanes.tools.drill;

import dev.lanes.embedded.ClusterNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Faults of the Kafka nodes, only ever on the cluster the drill started. */
final class BrokerFaults {

  // A node that is back catches up its replicas; past this the drill reports "not in sync".
  static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(180);

  private BrokerFaults() {}

  /** Every node in turn: clean stop, restart, all replicas in sync before the next one. */
  static final class RollingRestart implements ZoneFault {
    private Double longestWait;

    @Override
    public boolean lastsDuration() {
      return false;
    }

    @Override
    public void strike(ZoneRig rig) {
      double longest = 0;
      for (ClusterNode node : rig.cluster().nodes()) {
        node.stop();
        rig.timeline().event("stopped node " + node.id() + " (" + node.zone() + ")");
        long from = restart(rig, node);
        Double wait = awaitInSync(rig, from, "node " + node.id() + "'s restart");
        if (wait == null) {
          longestWait = null;
          return;
        }
        longest = Math.max(longest, wait);
      }
      longestWait = longest;
    }

    @Override
    public Double heal(ZoneRig rig) {
      return longestWait;
    }
  }

  /** SIGKILL zone-a's node and every worker in zone-a at once; all restart when healed. */
  static final class ZoneLoss implements ZoneFault {
    static final String ZONE = "zone-a";
    private int killedWorkers;

    @Override
    public void strike(ZoneRig rig) {
      ClusterNode node = rig.node(ZONE);
      List<ZoneWorker> workers = rig.liveWorkers(ZONE);
      // SIGKILL to all of them before waiting for any to be gone: a zone goes down at once.
      node.kill();
      workers.forEach(worker -> worker.process().kill());
      killedWorkers = workers.size();
      rig.timeline()
          .event(
              "killed "
                  + ZONE
                  + ": node "
                  + node.id()
                  + " and workers "
                  + workers.stream().map(ZoneWorker::name).collect(Collectors.joining(", ")));
    }

    @Override
    public Double heal(ZoneRig rig) {
      ClusterNode node = rig.node(ZONE);
      long from = restart(rig, node);
      // The workers start while the node catches up, as they would in a zone coming back, so the
      // in-sync time is the node's alone.
      CompletableFuture<Double> inSync =
          CompletableFuture.supplyAsync(
              () -> awaitInSync(rig, from, "node " + node.id() + "'s restart"), daemon());
      rig.startWorkers(ZONE, killedWorkers);
      return join(inSync);
    }
  }

  /** SIGSTOP zone-b's node: alive, holding its sockets, answering nothing; SIGCONT when healed. */
  static final class FrozenBroker implements ZoneFault {
    static final String ZONE = "zone-b";

    @Override
    public void strike(ZoneRig rig) {
      ClusterNode node = rig.node(ZONE);
      long frozenAt = System.nanoTime();
      node.freeze();
      rig.timeline().event("froze node " + node.id() + " (" + ZONE + "): SIGSTOP");
      NodeFencing.await(rig, node, frozenAt, "the SIGSTOP");
    }

    @Override
    public Double heal(ZoneRig rig) {
      ClusterNode node = rig.node(ZONE);
      long from = System.nanoTime();
      node.thaw();
      rig.timeline().event("thawed node " + node.id() + " (" + ZONE + "): SIGCONT");
      return awaitInSync(rig, from, "the thaw");
    }
  }

  /**
   * Restarts {@code node}, saying when it began and when it served again; returns when it began.
   */
  static long restart(ZoneRig rig, ClusterNode node) {
    rig.timeline().event("restarting node " + node.id() + " (" + node.zone() + ")");
    long from = System.nanoTime();
    node.restart();
    rig.timeline()
        .event(
            String.format(
                "node %d (%s) serves clients again after %.1f s",
                node.id(), node.zone(), (System.nanoTime() - from) / 1e9));
    return from;
  }

  /** Seconds from {@code fromNanos} until every replica is in sync; null (and said) past bound. */
  static Double awaitInSync(ZoneRig rig, long fromNanos, String since) {
    try {
      rig.cluster().awaitInSync(IN_SYNC_TIMEOUT);
      double seconds = (System.nanoTime() - fromNanos) / 1e9;
      rig.timeline().event(String.format("every replica in sync %.1f s after %s", seconds, since));
      return seconds;
    } catch (IllegalStateException e) {
      rig.timeline()
          .event(
              "replicas not in sync "
                  + IN_SYNC_TIMEOUT
                  + " after "
                  + since
                  + ": "
                  + e.getMessage());
      return null;
    }
  }

  private static java.util.concurrent.Executor daemon() {
    return command -> {
      Thread thread = new Thread(command, "drill-in-sync");
      thread.setDaemon(true);
      thread.start();
    };
  }

  private static Double join(CompletableFuture<Double> inSync) {
    try {
      return inSync.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for replicas in sync", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for replicas in sync failed", e.getCause());
    }
  }
}
