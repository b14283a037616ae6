package dev.lanes.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KafkaTest
class KafkaExtensionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TestKafka kafka;

  KafkaExtensionIT(TestKafka kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void shareOneBrokerWithEveryTestClass(TestKafka kafka) {
    assertThat(FirstInjected.remember(kafka)).isSameAs(kafka);
  }

  @Test
  void methodsConstructorsAndOtherClassesGetTheSameBroker(TestKafka injected) {
    assertThat(injected).isSameAs(kafka).isSameAs(FirstInjected.remember(injected));
    assertThat(kafka.source()).isIn("external", "testcontainers", "embedded");
    assertThat(kafka.bootstrapServers()).isNotBlank();
  }

  @Test
  void recordsSentToANewTopicAreReadBackInPerKeyOrder() {
    String topic = kafka.uniqueName("round-trip");
    kafka.createTopic(topic, 6);
    // Sent at full speed right after creation: KAFKA-15591 shows up here if createTopic returns
    // too early.
    List<ProducerRecord<String, String>> records =
        IntStream.range(0, 300)
            .mapToObj(i -> new ProducerRecord<>(topic, "key-" + (i % 10), String.valueOf(i)))
            .toList();

    kafka.send(topic, records);
    List<ConsumerRecord<String, String>> read = kafka.consumeAll(topic, 300, TIMEOUT);

    assertThat(read).hasSize(300);
    Map<String, List<Integer>> valuesByKey =
        read.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(r -> Integer.valueOf(r.value()), Collectors.toList())));
    assertThat(valuesByKey).hasSize(10);
    valuesByKey.values().forEach(values -> assertThat(values).isSorted().hasSize(30));
    assertThat(kafka.endOffsets(topic))
        .hasSize(6)
        .satisfies(
            ends ->
                assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300));
  }

  @Test
  void committedOffsetsShowOnlyThePartitionsAGroupCommitted() {
    String topic = kafka.uniqueName("commits");
    String group = kafka.uniqueName("group");
    kafka.createTopic(topic, 2);
    TopicPartition first = new TopicPartition(topic, 0);
    kafka.send(
        topic,
        IntStream.range(0, 5).mapToObj(i -> new ProducerRecord<>(topic, 0, "k", "v" + i)).toList());

    assertThat(kafka.committedOffsets(group)).isEmpty();
    List<ConsumerRecord<String, String>> polled = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(kafka.consumerConfig(group))) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(TIMEOUT)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(polled::add);
                return polled.size() >= 5;
              });
      consumer.commitSync(Map.of(first, new OffsetAndMetadata(polled.size())));
    }

    assertThat(kafka.committedOffsets(group)).isEqualTo(Map.of(first, 5L));
  }

  @Test
  void consumeAllFailsSayingHowManyRecordsItFound() {
    String topic = kafka.uniqueName("short");
    kafka.createTopic(topic, 1);
    kafka.send(topic, "a", "1");
    kafka.send(topic, "b", "2");

    assertThatThrownBy(() -> kafka.consumeAll(topic, 3, Duration.ofSeconds(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected 3 records on topic " + topic + " within PT2S but found 2");
  }

  @Test
  void sendRejectsRecordsAddressedToAnotherTopic() {
    String topic = kafka.uniqueName("strict");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> kafka.send(topic, List.of(new ProducerRecord<>("other", "k", "v"))))
        .withMessageContaining("record #0 is for topic 'other'");
  }

  @Test
  void sharedAdminSeesTopicsCreatedThroughTestKafka() throws Exception {
    String topic = kafka.uniqueName("admin");
    kafka.createTopic(topic, 1);

    assertThat(kafka.admin().listTopics().names().get()).contains(topic);
  }
}
