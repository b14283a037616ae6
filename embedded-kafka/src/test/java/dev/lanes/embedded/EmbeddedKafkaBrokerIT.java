package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static EmbeddedKafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void recordsProducedToANewTopicAreConsumedBackAndCommittedByAGroup() throws Exception {
    String topic = "round-trip";
    int partitions = 3;
    int recordCount = 60;
    createTopicAndAwaitLeaders(topic, partitions);

    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      for (int i = 0; i < recordCount; i++) {
        sends.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "value-" + i)));
      }
      for (Future<RecordMetadata> send : sends) {
        assertThat(send.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).hasOffset()).isTrue();
      }
    }

    String groupId = "round-trip-group";
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(groupId))) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(TIMEOUT)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= recordCount;
              });
      consumer.commitSync();
    }

    assertThat(received)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, recordCount).mapToObj(i -> "value-" + i).toList());
    assertThat(received.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()))
        .hasSize(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
        .isEqualTo(recordCount);
  }

  @Test
  void overridesApplyAndCloseDeletesTheLogDirOnce() throws Exception {
    EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start(Map.of("log.retention.ms", "123456"));
    try (Admin ownAdmin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, own.bootstrapServers()))) {
      ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
      Config config = ownAdmin.describeConfigs(Set.of(node)).all().get().get(node);
      assertThat(config.get("log.retention.ms").value()).isEqualTo("123456");
      assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
    } finally {
      own.close();
    }

    assertThat(own.logDir()).doesNotExist();
    own.close(); // idempotent: neither throws nor logs a second shutdown
    assertThat(own.bootstrapServers()).isNotEqualTo(broker.bootstrapServers());
  }

  /** Waits until each partition's leader serves it, so the first produce cannot be reordered. */
  private static void createTopicAndAwaitLeaders(String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              TopicDescription description =
                  admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
              assertThat(description.partitions())
                  .hasSize(partitions)
                  .allSatisfy(p -> assertThat(p.leader()).isNotNull());
              Map<TopicPartition, OffsetSpec> latest =
                  IntStream.range(0, partitions)
                      .boxed()
                      .collect(
                          Collectors.toMap(
                              p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
              assertThat(admin.listOffsets(latest).all().get()).hasSize(partitions);
            });
  }

  private static Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  private static Map<String, Object> consumerConfig(String groupId) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG,
        groupId,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class);
  }
}
