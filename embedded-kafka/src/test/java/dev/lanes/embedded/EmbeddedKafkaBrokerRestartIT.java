package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerRestartIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TOPIC = "survives-restart";

  @Test
  void restartOnTheSameDirectoryAndPortKeepsAddressTopicsAndRecords(@TempDir Path dir)
      throws Exception {
    String address;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir, 0)) {
      address = first.bootstrapServers();
      createTopicAndAwaitLeader(address);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(address))) {
        producer
            .send(new ProducerRecord<>(TOPIC, "key", "before-restart"))
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    assertThat(dir.resolve("data").resolve("meta.properties")).exists();

    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dir, port)) {
      assertThat(second.bootstrapServers()).isEqualTo(address);
      assertThat(readAll(address)).containsExactly("before-restart");
    }
    assertThat(dir).exists();
  }

  @Test
  void aPortOutOfRangeIsRefusedNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dir, 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535, was 70000");
  }

  /** Waits until the leader answers for the partition, so the first produce is not lost. */
  private static void createTopicAndAwaitLeader(String address) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      await()
          .atMost(TIMEOUT)
          .ignoreExceptions()
          .until(
              () ->
                  admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().size()
                      == 1);
    }
  }

  private static List<String> readAll(String address) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(address))) {
      consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
      consumer.seekToBeginning(consumer.assignment());
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
                return !values.isEmpty();
              });
    }
    return values;
  }

  private static Map<String, Object> producerConfig(String address) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        address,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  private static Map<String, Object> consumerConfig(String address) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        address,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class);
  }
}
