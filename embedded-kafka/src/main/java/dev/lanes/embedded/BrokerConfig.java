package dev.lanes.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The broker properties of a single-node, combined broker+controller KRaft cluster for tests. */
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
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.controller());
    // Both listeners bind to loopback only: a test broker must never be reachable from outside.
    config.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + ports.broker()
            + ",CONTROLLER://"
            + HOST
            + ":"
            + ports.controller());
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + ports.broker());
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDir.toAbsolutePath().toString());

    // One node: every internal topic must be satisfiable with a single replica.
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
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

    config.putAll(overrides);
    return config;
  }
}
