package dev.lanes.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka broker of this test run, with shortcuts for what tests do around the code under test:
 * make a fresh topic, put records in, see what came out and what was committed.
 *
 * <p>Injected by {@link KafkaExtension} into test methods, constructors and lifecycle methods;
 * every test class in the JVM gets the same instance. Use {@link #uniqueName(String)} for every
 * topic and group so tests never see each other's records.
 */
public final class TestKafka {

  private static final UniqueNames NAMES = new UniqueNames();

  private final String bootstrapServers;
  private final KafkaSource source;
  private final Admin admin;
  private final TestTopics topics;

  TestKafka(String bootstrapServers, KafkaSource source, Admin admin) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.source = Objects.requireNonNull(source, "source");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.topics = new TestTopics(admin, source);
  }

  /** The address clients connect to, e.g. {@code 127.0.0.1:53817}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker came from: "external", "testcontainers" or "embedded". */
  public String source() {
    return source.label();
  }

  /** A name no other call in this JVM returns: {@code prefix-<counter>-<random hex>}. */
  public String uniqueName(String prefix) {
    return NAMES.next(prefix);
  }

  /**
   * Creates the topic and returns once every partition has a leader that serves it, so records can
   * be produced at full speed right away. Replication factor is 1, or up to 3 on an external
   * cluster.
   */
  public void createTopic(String name, int partitions) {
    topics.create(List.of(name), partitions);
  }

  /** Creates several topics of the same size at once; returns when all of them take writes. */
  public void createTopics(List<String> names, int partitions) {
    topics.create(names, partitions);
  }

  /** Creates a topic with topic-level settings, e.g. {@code max.message.bytes}. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    topics.create(List.of(name), partitions, configs);
  }

  /** Whether the topic exists now. */
  public boolean topicExists(String topic) {
    return KafkaCalls.await(admin.listTopics().names(), "list topics").contains(topic);
  }

  /** The topic's partition count. */
  public int partitionCount(String topic) {
    return partitionsOf(topic).size();
  }

  /** An admin client shared by the whole run; do not close it. */
  public Admin admin() {
    return admin;
  }

  /**
   * Settings for a durable, ordered producer of String keys and values: acks=all, idempotence on.
   * Returns a new mutable map each call.
   */
  public Map<String, Object> producerConfig() {
    return ClientConfigs.producer(bootstrapServers);
  }

  /**
   * Settings for a String consumer in {@code groupId} that starts at the earliest offset and never
   * commits on its own. Returns a new mutable map each call.
   */
  public Map<String, Object> consumerConfig(String groupId) {
    return ClientConfigs.consumer(bootstrapServers, groupId);
  }

  /**
   * Produces the records in order with one producer and returns once the broker acknowledged every
   * one; throws naming the first record that failed otherwise.
   */
  public void send(String topic, List<ProducerRecord<String, String>> records) {
    RecordSender.sendAll(producerConfig(), topic, records);
  }

  /** Produces one record and returns once the broker acknowledged it. */
  public void send(String topic, String key, String value) {
    send(topic, List.of(new ProducerRecord<>(topic, key, value)));
  }

  /** The group's committed offset per partition; partitions it never committed are absent. */
  public Map<TopicPartition, Long> committedOffsets(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        KafkaCalls.await(
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
            "list committed offsets of group " + groupId);
    return committed.entrySet().stream()
        .filter(entry -> entry.getValue() != null)
        .collect(
            Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  /** The offset the next record of each partition of the topic will get. */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    Map<TopicPartition, OffsetSpec> latest =
        partitionsOf(topic).stream()
            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
    return KafkaCalls.await(admin.listOffsets(latest).all(), "list end offsets of topic " + topic)
        .entrySet()
        .stream()
        .collect(
            Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  /**
   * Reads the topic from the beginning, under a fresh throwaway group id that never commits, until
   * at least {@code expectedCount} records were read; fails with how many were found if that takes
   * longer than {@code timeout}.
   */
  public List<ConsumerRecord<String, String>> consumeAll(
      String topic, int expectedCount, Duration timeout) {
    return RecordReader.readFromBeginning(
        consumerConfig(uniqueName("consume-all")),
        topic,
        partitionsOf(topic),
        expectedCount,
        timeout);
  }

  @Override
  public String toString() {
    return "TestKafka[source=" + source() + ", bootstrapServers=" + bootstrapServers + "]";
  }

  private List<TopicPartition> partitionsOf(String topic) {
    TopicDescription description =
        KafkaCalls.await(
                admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
            .get(topic);
    return description.partitions().stream()
        .map(partition -> new TopicPartition(topic, partition.partition()))
        .toList();
  }
}
