package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.embedded.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes topics apply} against a three-zone cluster: every lane topic in every zone. */
class ClusterTopicsIT {

  @Test
  void topicsApplyReplicatesEveryLaneTopicAcrossTheThreeZonesWithTwoInSync(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("lanes.yaml");
    Files.writeString(
        config,
        """
        lanes:
          zones:
            partitions: 3
            retention: 1h
        """);

    try (KafkaCluster cluster = KafkaCluster.start(3)) {
      CliRun apply =
          CliRun.of(
              "topics",
              "apply",
              "--bootstrap-server",
              cluster.bootstrapServers(),
              "--config",
              config.toString());
      assertThat(apply.exitCode()).as(apply.toString()).isZero();

      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
        Set<String> laneTopics =
            admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith("tasks.zones"))
                .collect(Collectors.toSet());
        assertThat(laneTopics).contains("tasks.zones", "tasks.zones.dlt");

        Map<String, TopicDescription> topics =
            admin.describeTopics(laneTopics).allTopicNames().get();
        for (TopicDescription topic : topics.values()) {
          for (TopicPartitionInfo partition : topic.partitions()) {
            assertThat(partition.replicas())
                .as(topic.name() + "-" + partition.partition())
                .extracting(Node::rack)
                .containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c");
          }
        }
        List<ConfigResource> resources =
            laneTopics.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        configs.forEach(
            (resource, topicConfig) ->
                assertThat(topicConfig.get("min.insync.replicas").value())
                    .as(resource.name())
                    .isEqualTo("2"));
      }
    }
  }
}
