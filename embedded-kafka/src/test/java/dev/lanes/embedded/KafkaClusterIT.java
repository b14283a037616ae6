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
 * One three-zone cluster taken through a zone outage, a hung node, a restart of the whole cluster
 * and its close, in that order: each start costs three JVMs, so the steps share one.
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
  void losingAZoneKeepsAcksAllWritesAndReadsGoingAndItsNodeCatchesUpOnRestart() throws Exception {
    createTopic("zone-loss");
    ClusterNode zoneA = cluster.node("zone-a");
    processesSeen.addAll(cluster.processes());

    zoneA.kill();

    assertThat(zoneA.isRunning()).isFalse();
    produce("zone-loss", 0, 30);
    assertThat(readAll("zone-loss")).hasSize(30);

    zoneA.restart();

    assertThat(zoneA.isRunning()).isTrue();
    processesSeen.addAll(cluster.processes());
    assertThat(cluster.awaitInSync(TIMEOUT)).isLessThan(TIMEOUT);
  }

  @Test
  @Order(3)
  void aFrozenNodeIsFencedAndTheClusterGoesOnThenRejoinsWhenThawed() throws Exception {
    createTopic("frozen");
    ClusterNode zoneB = cluster.node("zone-b");

    zoneB.freeze();
    long frozenAt = System.nanoTime();
    try {
      assertThat(zoneB.isRunning()).isTrue();
      produce("frozen", 0, 30);
      assertThat(readAll("frozen")).hasSize(30);
      // Fenced after broker.session.timeout.ms (9 s); the clients' retries add the rest.
      assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).isLessThan(TIMEOUT);
    } finally {
      zoneB.thaw();
    }

    cluster.awaitInSync(TIMEOUT);
  }

  @Test
  @Order(4)
  void theClusterStartedAgainOnItsDirectoryKeepsItsRecords() {
    String bootstrap = cluster.bootstrapServers();
    int firstPort =
        Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1, bootstrap.indexOf(',')));
    processesSeen.addAll(cluster.processes());
    cluster.close();

    cluster = KafkaCluster.start(dir, 3, firstPort);

    assertThat(cluster.bootstrapServers()).isEqualTo(bootstrap);
    assertThat(readAll("zone-loss")).hasSize(30);
    assertThat(readAll("frozen")).hasSize(30);
  }

  @Test
  @Order(5)
  void closeLeavesNoNodeProcessAlive() {
    processesSeen.addAll(cluster.processes());
    assertThat(processesSeen).hasSizeGreaterThanOrEqualTo(7);

    cluster.close();

    assertThat(processesSeen).noneMatch(ProcessHandle::isAlive);
    assertThat(dir.resolve("node-1").resolve("data").resolve("meta.properties")).exists();
  }

  @Test
  @Order(6)
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
        // A request to a frozen leader gives up after 5 s and asks for new metadata.
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        5_000,
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
