package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One three-zone cluster: its zones, a restart of the whole cluster on its directory and its close,
 * in that order: each start costs three JVMs, so the steps share one.
 *
 * <p>The faults of one node are rehearsed end to end by the zone drills in lanes-tools, which
 * assert more than this class did: {@code ZoneLossDrillIT} ({@link ClusterNode#kill()}, which
 * returns once the process is gone, and {@link ClusterNode#restart()}: acks=all production and the
 * workers go on, the node catches up, every replica in sync, nothing lost) and {@code
 * FrozenBrokerDrillIT} ({@link ClusterNode#freeze()}: the other nodes fence it while its process
 * still runs, the fleet goes on, {@link ClusterNode#thaw()} and in sync). This class's own cases of
 * both ran the same steps with 30 records and cost 37 s of the suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 3;

  private Path dir;
  private KafkaCluster cluster;
  private final List<ProcessHandle> processesSeen = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    this.dir = dir;
    cluster = KafkaCluster.start(dir, 3, 0);
  }

  @AfterAll
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void replicasOfAnRf3TopicSpanTheThreeZones() throws Exception {
    assertThat(cluster.zones()).containsExactly("zone-a", "zone-b", "zone-c");
    assertThat(cluster.nodes()).extracting(ClusterNode::id).containsExactly(1, 2, 3);
    assertThat(cluster.node("zone-b").id()).isEqualTo(2);
    assertThatThrownBy(() -> cluster.node("zone-x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no node in zone zone-x, zones are [zone-a, zone-b, zone-c]");

    createTopic("spread");
    produce("spread", 0, 30);

    try (Admin admin = admin()) {
      Map<Integer, String> racks =
          admin.describeCluster().nodes().get().stream()
              .collect(Collectors.toMap(Node::id, Node::rack));
      assertThat(racks)
          .containsEntry(1, "zone-a")
          .containsEntry(2, "zone-b")
          .containsEntry(3, "zone-c");
      TopicDescription topic =
          admin.describeTopics(List.of("spread")).allTopicNames().get().get("spread");
      for (TopicPartitionInfo partition : topic.partitions()) {
        assertThat(partition.replicas())
            .extracting(Node::rack)
            .containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c");
      }
    }
  }

  @Test
  @Order(2)
  void theClusterStartedAgainOnItsDirectoryKeepsItsRecords() {
    String bootstrap = cluster.bootstrapServers();
    int firstPort =
        Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1, bootstrap.indexOf(',')));
    processesSeen.addAll(cluster.processes());
    cluster.close();

    cluster = KafkaCluster.start(dir, 3, firstPort);

    assertThat(cluster.bootstrapServers()).isEqualTo(bootstrap);
    assertThat(readAll("spread")).hasSize(30);
  }

  @Test
  @Order(3)
  void closeLeavesNoNodeProcessAlive() {
    processesSeen.addAll(cluster.processes());
    // The first start's three nodes and the second's.
    assertThat(Set.copyOf(processesSeen)).hasSize(6);

    cluster.close();

    assertThat(processesSeen).noneMatch(ProcessHandle::isAlive);
    assertThat(dir.resolve("node-1").resolve("data").resolve("meta.properties")).exists();
  }

  @Test
  @Order(4)
  void aClusterInATemporaryDirectoryDeletesItOnClose() {
    Path workDir;
    List<ProcessHandle> processes;
    try (KafkaCluster single = KafkaCluster.start(1)) {
      assertThat(single.zones()).containsExactly("zone-a");
      workDir = single.nodes().get(0).logFile().getParent().getParent();
      processes = single.processes();
      assertThat(workDir).exists();
    }
    assertThat(workDir).doesNotExist();
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
  }

  /** Creates an RF 3 topic and waits until every partition has a leader (KAFKA-15591). */
  private void createTopic(String topic) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all().get();
    }
    cluster.awaitInSync(TIMEOUT);
  }

  private void produce(String topic, int from, int count) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        sent.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i)));
      }
      for (var future : sent) {
        future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  private List<String> readAll(String topic) {
    Set<String> values = new java.util.LinkedHashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
      List<TopicPartition> partitions =
          IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(TIMEOUT)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return consumer.endOffsets(partitions).entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
              });
    }
    return List.copyOf(values);
  }

  private Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  private Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) TIMEOUT.toMillis(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        cluster.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        5_000,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) TIMEOUT.toMillis(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class);
  }
}
