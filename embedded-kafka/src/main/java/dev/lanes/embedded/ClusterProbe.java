package dev.lanes.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/** Asks a cluster, as a client would, whether it is up and whether its replicas caught up. */
final class ClusterProbe {

  private static final long POLL_MS = 200;
  private static final int REQUEST_TIMEOUT_MS = 3_000;

  private ClusterProbe() {}

  /**
   * Waits until the broker(s) at {@code bootstrapServers} report every node of {@code nodeIds} in
   * the cluster: a fenced node is not reported, so this means each has caught up and serves. {@code
   * stillStarting} throws when waiting is pointless (a node process died).
   */
  static void awaitNodes(
      String bootstrapServers, Set<Integer> nodeIds, Duration timeout, Runnable stillStarting) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<Integer> seen = Set.of();
    try (Admin admin = admin(bootstrapServers)) {
      while (true) {
        stillStarting.run();
        seen = reportedNodes(admin);
        if (seen.containsAll(nodeIds)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Kafka at "
                  + bootstrapServers
                  + " did not report nodes "
                  + nodeIds
                  + " within "
                  + timeout
                  + ", it reports "
                  + seen);
        }
        pause();
      }
    }
  }

  /**
   * Waits until every partition of every topic, internal ones included, has a leader and all its
   * replicas in sync; returns how long that took.
   */
  static Duration awaitInSync(String bootstrapServers, Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<String> lagging = List.of("(no answer from the cluster yet)");
    try (Admin admin = admin(bootstrapServers)) {
      while (true) {
        lagging = laggingPartitions(admin);
        if (lagging.isEmpty()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Partitions not in sync after "
                  + timeout
                  + " at "
                  + bootstrapServers
                  + ": "
                  + lagging);
        }
        pause();
      }
    }
  }

  private static Set<Integer> reportedNodes(Admin admin) {
    try {
      Collection<Node> nodes =
          admin.describeCluster().nodes().get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return nodes.stream().map(Node::id).collect(Collectors.toSet());
    } catch (ExecutionException | TimeoutException notYet) {
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for Kafka", e);
    }
  }

  /** Each lagging partition as {@code topic-p isr=[..] replicas=[..]}, or a failed question. */
  private static List<String> laggingPartitions(Admin admin) {
    try {
      Set<String> topics =
          admin
              .listTopics(new ListTopicsOptions().listInternal(true))
              .names()
              .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<String, TopicDescription> descriptions =
          new TreeMap<>(
              admin
                  .describeTopics(topics)
                  .allTopicNames()
                  .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS));
      List<String> lagging = new ArrayList<>();
      descriptions.forEach(
          (topic, description) -> {
            for (TopicPartitionInfo partition : description.partitions()) {
              if (partition.leader() == null
                  || partition.isr().size() < partition.replicas().size()) {
                lagging.add(
                    topic
                        + "-"
                        + partition.partition()
                        + " isr="
                        + ids(partition.isr())
                        + " replicas="
                        + ids(partition.replicas()));
              }
            }
          });
      return lagging;
    } catch (ExecutionException | TimeoutException e) {
      return List.of("(cluster did not answer: " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for in-sync replicas", e);
    }
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
            // A node coming up refuses connections; retry soon rather than after Kafka's 1 s max.
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for Kafka", e);
    }
  }
}
