package dev.lanes.embedded;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Who is where in a local cluster: node ids 1..N, node i in zone {@code zone-<i-th letter>}, and a
 * block of 2N consecutive ports: clients on the first N (node i on {@code firstPort + i - 1}), the
 * controllers on the next N. The ports never change while the cluster lives, so a restarted node is
 * found where clients and the other controllers expect it. Node i listens on {@code hosts[i - 1]}:
 * 127.0.0.1 for all, or its zone's address in a {@link ZoneNetwork}.
 */
record ClusterLayout(int nodes, int firstPort, List<String> hosts) {

  /** 1, 3 or 5: a KRaft quorum of voters wants an odd count, and a laptop has room for five. */
  static final List<Integer> ALLOWED_NODES = List.of(1, 3, 5);

  ClusterLayout {
    if (!ALLOWED_NODES.contains(nodes)) {
      throw new IllegalArgumentException("nodes must be 1, 3 or 5, was " + nodes);
    }
    int lastPort = firstPort + portCount(nodes) - 1;
    if (firstPort < 1 || lastPort > 65535) {
      throw new IllegalArgumentException(
          "firstPort must leave room for "
              + portCount(nodes)
              + " ports (clients and controllers) up to 65535, was "
              + firstPort);
    }
    hosts = List.copyOf(hosts);
    if (hosts.size() != nodes) {
      throw new IllegalArgumentException(
          "hosts must name one address per node (" + nodes + "), was " + hosts);
    }
  }

  /** Every node on 127.0.0.1. */
  ClusterLayout(int nodes, int firstPort) {
    this(nodes, firstPort, loopback(nodes));
  }

  static List<String> loopback(int nodes) {
    return Collections.nCopies(Math.max(0, nodes), BrokerConfig.HOST);
  }

  /** How many ports a cluster of {@code nodes} takes: one for clients, one for its controller. */
  static int portCount(int nodes) {
    return 2 * nodes;
  }

  List<String> zones() {
    return IntStream.rangeClosed(1, nodes).mapToObj(ClusterLayout::zoneOf).toList();
  }

  static String zoneOf(int nodeId) {
    return "zone-" + (char) ('a' + nodeId - 1);
  }

  /** The id of the node in {@code zone}; an unknown zone is refused naming the cluster's zones. */
  int nodeIdOf(String zone) {
    int index = zones().indexOf(zone);
    if (index < 0) {
      throw new IllegalArgumentException("no node in zone " + zone + ", zones are " + zones());
    }
    return index + 1;
  }

  ListenerPorts ports(int nodeId) {
    return new ListenerPorts(firstPort + nodeId - 1, firstPort + nodes + nodeId - 1);
  }

  String bootstrapServers() {
    return IntStream.rangeClosed(1, nodes)
        .mapToObj(this::bootstrapServer)
        .collect(Collectors.joining(","));
  }

  String bootstrapServer(int nodeId) {
    return host(nodeId) + ":" + ports(nodeId).broker();
  }

  String host(int nodeId) {
    return hosts.get(nodeId - 1);
  }

  /** Static voters: every node is a controller, so losing a minority of zones keeps a quorum. */
  String voters() {
    return IntStream.rangeClosed(1, nodes)
        .mapToObj(id -> id + "@" + host(id) + ":" + ports(id).controller())
        .collect(Collectors.joining(","));
  }

  /** Three replicas (fewer on a smaller cluster), one per zone with rack-aware placement. */
  int replicationFactor() {
    return Math.min(3, nodes);
  }

  /** One replica may be lost (a zone down) and acks=all writes still succeed. */
  int minInsyncReplicas() {
    return Math.max(1, replicationFactor() - 1);
  }

  Map<String, String> nodeSettings(int nodeId, Path dataDir) {
    return BrokerConfig.clusterNode(
        nodeId,
        zoneOf(nodeId),
        host(nodeId),
        ports(nodeId),
        voters(),
        dataDir,
        replicationFactor(),
        minInsyncReplicas());
  }
}
