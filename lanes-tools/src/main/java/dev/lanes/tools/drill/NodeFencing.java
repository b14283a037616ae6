package dev.lanes.tools.drill;

import dev.lanes.embedded.ClusterNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * Says on the timeline when the other nodes stopped counting a node that went silent (frozen, or
 * cut off) while its process still ran: the controllers fence it after broker.session.timeout.ms (9
 * s). That line is the sign the fault isolated the node; without it a fault that did nothing would
 * pass as a fault the fleet rode out.
 */
final class NodeFencing {

  static final String FENCED = "fenced by the other nodes";
  static final String NOT_FENCED = "still counted by the other nodes";
  private static final Duration POLL = Duration.ofMillis(250);

  private NodeFencing() {}

  /**
   * Waits until the other nodes no longer report {@code silent}, at most until {@code --duration}
   * after {@code sinceNanos} (so the fault lasts no longer for it); says either way.
   */
  static void await(ZoneRig rig, ClusterNode silent, long sinceNanos, String since) {
    String others =
        rig.cluster().nodes().stream()
            .filter(node -> node.id() != silent.id())
            .map(ClusterNode::bootstrapServer)
            .collect(Collectors.joining(","));
    long deadline = sinceNanos + rig.options().duration().toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, others,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
      while (System.nanoTime() < deadline) {
        if (reportedNodes(admin).filter(ids -> !ids.contains(silent.id())).isPresent()) {
          rig.timeline()
              .event(
                  String.format(
                      "node %d %s %.1f s after %s, its process %s",
                      silent.id(),
                      FENCED,
                      (System.nanoTime() - sinceNanos) / 1e9,
                      since,
                      silent.isRunning() ? "still running" : "gone"));
          return;
        }
        LanesProcess.sleep(POLL);
      }
    }
    rig.timeline()
        .event(
            String.format(
                "node %d %s %d s after %s",
                silent.id(), NOT_FENCED, rig.options().duration().toSeconds(), since));
  }

  /** The node ids the other nodes report; empty when they did not answer in time (ask again). */
  private static Optional<Set<Integer>> reportedNodes(Admin admin) {
    try {
      return Optional.of(
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
              .map(Node::id)
              .collect(Collectors.toSet()));
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the silent node's fencing", e);
    }
  }
}
