package dev.lanes.app.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The record of which dead letters were replayed: a compacted topic keyed by the dead letter's
 * {@code <partition>@<offset>}, its value where the replay went. An entry is written only after the
 * broker acknowledged the replay, so a crash in between replays a record twice at worst, never
 * loses one. Writing a tombstone for a key lets that dead letter be replayed again.
 */
final class ReplayLog {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Map<String, Object> clientProperties;
  private final String topic;

  ReplayLog(Map<String, Object> clientProperties, String topic) {
    this.clientProperties = clientProperties;
    this.topic = topic;
  }

  String topic() {
    return topic;
  }

  static String key(DeadLetter deadLetter) {
    return deadLetter.partition() + "@" + deadLetter.offset();
  }

  ProducerRecord<byte[], byte[]> entry(DeadLetter deadLetter, RecordMetadata replay) {
    String where = replay.topic() + "-" + replay.partition() + "@" + replay.offset();
    return new ProducerRecord<>(topic, utf8(key(deadLetter)), utf8(where));
  }

  boolean exists(Admin admin) {
    return AdminCalls.describe(admin, topic) != null;
  }

  /**
   * Creates the topic unless it exists and returns once it takes writes. One partition keeps the
   * log small and in one place; replication is the broker's default, as for any cluster topic.
   */
  void ensureExists(Admin admin) {
    NewTopic log =
        new NewTopic(topic, Optional.of(1), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      AdminCalls.await(admin.createTopics(List.of(log)).all(), "create " + topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create replay log " + topic, e.getCause());
      }
    }
    awaitWritable(admin);
  }

  /** The keys of every dead letter replayed so far. */
  Set<String> readKeys() {
    Set<String> keys = new HashSet<>();
    try (Consumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(ClientSettings.reader(clientProperties))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      new BoundedScan(consumer, AdminCalls.TIMEOUT)
          .readAll(
              partitions,
              record -> {
                if (record.key() == null) {
                  return; // not written by a replay: nothing to skip
                }
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                  keys.remove(key);
                } else {
                  keys.add(key);
                }
              });
    }
    return keys;
  }

  /**
   * A new topic's leader can be announced before the broker hosts the partition, and an idempotent
   * producer's first batches are then rejected (KAFKA-15591). A leader that answers ListOffsets is
   * hosting it.
   */
  private void awaitWritable(Admin admin) {
    TopicPartition partition = new TopicPartition(topic, 0);
    long deadline = System.nanoTime() + AdminCalls.TIMEOUT.toNanos();
    while (true) {
      try {
        AdminCalls.await(
            admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all(),
            "list offsets of " + partition);
        return;
      } catch (ExecutionException e) {
        boolean notYet =
            e.getCause() instanceof RetriableException
                || e.getCause() instanceof UnknownTopicOrPartitionException;
        if (!notYet || System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "replay log " + topic + " did not become writable within " + AdminCalls.TIMEOUT,
              e.getCause());
        }
      }
      pause();
    }
  }

  // A fixed short pause: a new partition is usually served within a few hundred milliseconds.
  private void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for replay log " + topic, e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
