package dev.lanes.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of a combined broker+controller KRaft node: a single-node broker or a cluster
 * node.
 */
final class BrokerConfig {

  static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";

  private BrokerConfig() {}

  /**
   * Builds the properties for one node listening on the given ports; entries in {@code overrides}
   * replace the defaults.
   */
  static Map<String, String> singleNode(
      ListenerPorts ports, Path logDir, Map<String, String> overrides) {
    Map<String, String> config =
        node(NODE_ID, HOST, ports, NODE_ID + "@" + HOST + ":" + ports.controller(), logDir);
    // One node: every internal topic must be satisfiable with a single replica.
    replication(config, 1, 1);
    config.putAll(overrides);
    return config;
  }

  /**
   * Builds the properties for node {@code nodeId} of a cluster whose controller quorum is {@code
   * voters}, in {@code rack}, listening on {@code host}: the settings of docker-compose.yml's
   * brokers, so a local cluster behaves as the compose fleet does. Topics and internal topics get
   * {@code replicationFactor} replicas and need {@code minInsyncReplicas} of them for an acks=all
   * write.
   */
  static Map<String, String> clusterNode(
      int nodeId,
      String rack,
      String host,
      ListenerPorts ports,
      String voters,
      Path logDir,
      int replicationFactor,
      int minInsyncReplicas) {
    Map<String, String> config = node(nodeId, host, ports, voters, logDir);
    replication(config, replicationFactor, minInsyncReplicas);
    config.put("broker.rack", rack);
    // Follower fetching (KIP-392): a consumer with client.rack reads from a replica in its zone.
    config.put(
        "replica.selector.class", "org.apache.kafka.common.replica.RackAwareReplicaSelector");
    // broker.session.timeout.ms (9 s: a silent node is fenced, loses its leaderships and leaves
    // every ISR) and replica.lag.time.max.ms (30 s) stay at Kafka's defaults, as in compose: a
    // drill should see the timings production sees.
    return config;
  }

  private static void replication(
      Map<String, String> config, int replicationFactor, int minInsyncReplicas) {
    String replicas = String.valueOf(replicationFactor);
    String minIsr = String.valueOf(minInsyncReplicas);
    config.put("default.replication.factor", replicas);
    config.put("min.insync.replicas", minIsr);
    config.put("offsets.topic.replication.factor", replicas);
    config.put("transaction.state.log.replication.factor", replicas);
    config.put("transaction.state.log.min.isr", minIsr);
    config.put("share.coordinator.state.topic.replication.factor", replicas);
    config.put("share.coordinator.state.topic.min.isr", minIsr);
  }

  /** What every node has, whatever the cluster's size: listeners, storage, small footprint. */
  private static Map<String, String> node(
      int nodeId, String host, ListenerPorts ports, String voters, Path logDir) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(nodeId));
    config.put("controller.quorum.voters", voters);
    // Both listeners bind to one address only (loopback, or a zone's private address): a test
    // broker
    // must never be reachable from outside.
    config.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + ports.broker()
            + ",CONTROLLER://"
            + host
            + ":"
            + ports.controller());
    config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + ports.broker());
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDir.toAbsolutePath().toString());

    // The default of 50 partitions makes the first group or transaction wait for 50 leaders.
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.num.partitions", "5");

    // Tests join groups constantly; the default 3 s delay would be added to every first join.
    config.put("group.initial.rebalance.delay.ms", "0");
    // Lets tests use short session timeouts to observe a dead consumer quickly.
    config.put("group.min.session.timeout.ms", "1000");
    // Topics are provisioned explicitly by the product; auto-creation would hide missing ones.
    config.put("auto.create.topics.enable", "false");
    config.put("num.partitions", "1");
    config.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    // The 128 MiB default is allocated on the heap at startup; tests compact little data.
    config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    return config;
  }
}
