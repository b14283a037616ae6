package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

  private static final Node BROKER_1 = new Node(1, "broker-1", 9092);
  private static final Node BROKER_2 = new Node(2, "broker-2", 9092);
  private static final Node BROKER_3 = new Node(3, "broker-3", 9092);

  private static final TopicSpec SPEC =
      new TopicSpec(
          "tasks.batch",
          12,
          (short) 3,
          Map.of(
              TopicConfig.RETENTION_MS_CONFIG, "604800000",
              TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));

  @Test
  void matchingTopicHasNoDrift() {
    assertThat(DriftDetector.detect(SPEC, topic(12, 3), config("604800000", "2"))).isEmpty();
  }

  // Admin describes a replica on a stopped broker as a node without a host (Node(id, "", -1)),
  // so a topic with one broker down still has its full replica list: a missing broker is not drift.
  @Test
  void topicWithAReplicaOnAStoppedBrokerHasNoDrift() {
    Node stopped = new Node(3, "", -1);
    List<TopicPartitionInfo> partitions = new ArrayList<>();
    for (int p = 0; p < 12; p++) {
      partitions.add(
          new TopicPartitionInfo(
              p, BROKER_1, List.of(BROKER_1, BROKER_2, stopped), List.of(BROKER_1, BROKER_2)));
    }

    assertThat(
            DriftDetector.detect(
                SPEC,
                new TopicDescription("tasks.batch", false, partitions),
                config("604800000", "2")))
        .isEmpty();
  }

  @Test
  void reportsDifferentPartitionCount() {
    assertThat(DriftDetector.detect(SPEC, topic(6, 3), config("604800000", "2")))
        .containsExactly(TopicDrift.partitions("tasks.batch", 12, 6));
  }

  @Test
  void reportsDifferentReplicationFactor() {
    assertThat(DriftDetector.detect(SPEC, topic(12, 1), config("604800000", "2")))
        .containsExactly(TopicDrift.replicationFactor("tasks.batch", 3, "1"));
  }

  @Test
  void reportsEveryReplicaCountWhenPartitionsDisagree() {
    List<TopicPartitionInfo> partitions = new ArrayList<>(topic(11, 3).partitions());
    partitions.add(partition(11, 2));

    assertThat(
            DriftDetector.detect(
                SPEC,
                new TopicDescription("tasks.batch", false, partitions),
                config("604800000", "2")))
        .containsExactly(TopicDrift.replicationFactor("tasks.batch", 3, "2,3"));
  }

  @Test
  void reportsDifferentConfigValue() {
    assertThat(DriftDetector.detect(SPEC, topic(12, 3), config("86400000", "2")))
        .containsExactly(
            TopicDrift.config(
                "tasks.batch", TopicConfig.RETENTION_MS_CONFIG, "604800000", "86400000"));
  }

  @Test
  void reportsConfigTheBrokerDoesNotReturn() {
    Config onlyRetention =
        new Config(List.of(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000")));

    assertThat(DriftDetector.detect(SPEC, topic(12, 3), onlyRetention))
        .containsExactly(
            TopicDrift.config(
                "tasks.batch",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                "2",
                DriftDetector.NOT_SET));
  }

  @Test
  void ignoresConfigsTheSpecDoesNotSet() {
    List<ConfigEntry> entries = new ArrayList<>(config("604800000", "2").entries());
    entries.add(new ConfigEntry(TopicConfig.SEGMENT_BYTES_CONFIG, "1"));

    assertThat(DriftDetector.detect(SPEC, topic(12, 3), new Config(entries))).isEmpty();
  }

  private static TopicDescription topic(int partitions, int replicas) {
    List<TopicPartitionInfo> infos = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      infos.add(partition(partition, replicas));
    }
    return new TopicDescription("tasks.batch", false, infos);
  }

  private static TopicPartitionInfo partition(int partition, int replicas) {
    List<Node> nodes = List.of(BROKER_1, BROKER_2, BROKER_3).subList(0, replicas);
    return new TopicPartitionInfo(partition, nodes.get(0), nodes, nodes);
  }

  private static Config config(String retentionMs, String minInsync) {
    return new Config(
        List.of(
            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs),
            new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync),
            new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")));
  }
}
