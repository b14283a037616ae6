package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A three-zone cluster in network namespaces: zone-c is cut off while its node keeps running. The
 * majority side must go on with acks=all writes and reads, fence zone-c's node, and take it back in
 * sync once the zone is healed, with nothing lost. Needs root ({@link ZoneNetwork#available()}).
 */
class ZonePartitionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  // Fencing takes broker.session.timeout.ms (9 s); a cut leader costs clients a request timeout
  // (5 s) and a metadata refresh; a cut active controller an election. 45 s leaves a loaded
  // two-core runner room.
  private static final Duration MAJORITY_BOUND = Duration.ofSeconds(45);
  private static final String TOPIC = "partitioned";
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 30;

  @Test
  void aCutZoneIsFencedWhileTheMajorityGoesOnAndRejoinsInSyncWhenHealed() throws Exception {
    assumeTrue(ZoneNetwork.available(), () -> "skipped: " + ZoneNetwork.unavailableReason());
    List<String> namespaces;
    String bridge;
    try (ZoneNetwork network = ZoneNetwork.create(3)) {
      namespaces = network.namespaces();
      bridge = network.bridge();
      assertThat(ip("netns", "list")).containsAll(namespaces);
      try (KafkaCluster cluster = KafkaCluster.start(3, network)) {
        assertThat(cluster.bootstrapServers()).startsWith(network.address("zone-a") + ":");
        createTopic(cluster.bootstrapServers());
        produce(cluster.bootstrapServers(), 0);
        ClusterNode zoneC = cluster.node("zone-c");
        String majority =
            cluster.node("zone-a").bootstrapServer()
                + ","
                + cluster.node("zone-b").bootstrapServer();

        network.cut("zone-c");
        long cutAt = System.nanoTime();
        try {
          produce(cluster.bootstrapServers(), RECORDS);
          assertThat(readAll(cluster.bootstrapServers())).hasSize(2 * RECORDS);
          Duration majorityWentOn = Duration.ofNanos(System.nanoTime() - cutAt);
          System.out.printf(
              "zone-c cut: majority wrote and read after %d ms%n", majorityWentOn.toMillis());
          assertThat(majorityWentOn).isLessThan(MAJORITY_BOUND);
          await("zone-c's node fenced")
              .atMost(TIMEOUT)
              .until(() -> !reportedNodes(majority).contains(3));
          assertThat(zoneC.isRunning()).as("a cut node keeps running").isTrue();
        } finally {
          network.heal("zone-c");
        }

        Duration inSync = cluster.awaitInSync(Duration.ofSeconds(120));
        System.out.printf("zone-c healed: in sync after %d ms%n", inSync.toMillis());
        assertThat(reportedNodes(cluster.bootstrapServers())).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(readAll(cluster.bootstrapServers()))
            .containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 2 * RECORDS).mapToObj(i -> "v" + i).toList());
      }
    }
    assertThat(ip("netns", "list")).doesNotContainAnyElementsOf(namespaces);
    assertThat(ip("-o", "link", "show")).doesNotContain(bridge);
  }

  private static List<String> ip(String... args) {
    return IpCommand.run(args).lines().map(line -> line.split("\\s+")[0]).toList();
  }

  /**
   * RF 3 (one replica per zone), min ISR 2 from the cluster's defaults; leaders first
   * (KAFKA-15591).
   */
  private static void createTopic(String bootstrap) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get();
    }
    ClusterProbe.awaitInSync(bootstrap, TIMEOUT);
  }

  private static Set<Integer> reportedNodes(String bootstrap) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
          .map(Node::id)
          .collect(Collectors.toSet());
    }
  }

  private static void produce(String bootstrap, int from) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = from; i < from + RECORDS; i++) {
        sent.add(producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "k" + i, "v" + i)));
      }
      for (Future<?> future : sent) {
        future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> readAll(String bootstrap) {
    Set<String> values = new LinkedHashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
      List<TopicPartition> partitions =
          IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
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

  private static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  private static Map<String, Object> producerConfig(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.ACKS_CONFIG,
        "all",
        // A request to a cut-off leader gives up after 5 s and asks for new metadata.
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        5_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) TIMEOUT.toMillis(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  private static Map<String, Object> consumerConfig(String bootstrap) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
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
