package dev.lanes.app.status;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.FleetRecordException;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.topics.TopicNames;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code lanes.fleet} and {@code lanes.dependencies} up to the end they have at each {@link
 * #read()}, by assignment (no group, nothing committed), keeping the latest record per key; a
 * tombstone removes its key. Each call continues where the last stopped, so {@code --watch} reads
 * only what is new. A record that is not a fleet record is skipped, and said once on {@code err}
 * with its partition and offset. Not thread-safe: one consumer, one thread.
 */
public final class FleetTopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final PrintStream err;
  private final Duration stallTimeout;
  private final FleetCodec codec = new FleetCodec();
  private final Map<String, WorkerReport> workers = new HashMap<>();
  private final Map<String, DependencyReport> dependencies = new HashMap<>();
  private List<TopicPartition> partitions;

  /**
   * @param stallTimeout how long a read may go without advancing before it gives up: an unreachable
   *     broker shows up as polls that return nothing
   */
  public FleetTopicReader(
      Consumer<byte[], byte[]> consumer, PrintStream err, Duration stallTimeout) {
    this.consumer = consumer;
    this.err = err;
    this.stallTimeout = stallTimeout;
  }

  /**
   * A reader on its own consumer outside any group: it reads by assignment and never commits.
   *
   * @param client bootstrap servers and security settings, used as given otherwise
   */
  public static FleetTopicReader open(
      Map<String, Object> client, PrintStream err, Duration stallTimeout) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new FleetTopicReader(new KafkaConsumer<>(config), err, stallTimeout);
  }

  /** The fleet topics' state now: everything up to the end offsets they had when called. */
  public FleetState read() {
    if (partitions == null) {
      partitions = new ArrayList<>();
      partitions.addAll(partitionsOf(TopicNames.FLEET));
      partitions.addAll(partitionsOf(TopicNames.DEPENDENCIES));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    long lastAdvance = System.nanoTime();
    long progress = positions();
    while (!reachedEnds(ends)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        apply(record);
      }
      long now = positions();
      if (now != progress) {
        progress = now;
        lastAdvance = System.nanoTime();
      } else if (System.nanoTime() - lastAdvance > stallTimeout.toNanos()) {
        throw new IllegalStateException(
            "reading the fleet topics stopped advancing for "
                + stallTimeout.toSeconds()
                + "s before their end offsets "
                + ends);
      }
    }
    return FleetState.of(workers, dependencies);
  }

  private List<TopicPartition> partitionsOf(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
  }

  private boolean reachedEnds(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private long positions() {
    return partitions.stream().mapToLong(consumer::position).sum();
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    try {
      if (record.key() == null) {
        throw new FleetRecordException("the record has no key");
      }
      String key = new String(record.key(), StandardCharsets.UTF_8);
      boolean fleet = TopicNames.FLEET.equals(record.topic());
      if (record.value() == null) {
        (fleet ? workers : dependencies).remove(key);
      } else if (fleet) {
        WorkerReport report = codec.decodeWorker(record.value());
        requireKey(key, report.workerId(), "worker_id");
        workers.put(key, report);
      } else {
        DependencyReport report = codec.decodeDependency(record.value());
        requireKey(key, report.dependency(), "dependency");
        dependencies.put(key, report);
      }
    } catch (FleetRecordException e) {
      // Each record is read once (later reads continue after it), so this is said once.
      err.println(
          "lanes: skipped record at offset "
              + record.offset()
              + " of "
              + record.topic()
              + "-"
              + record.partition()
              + ": "
              + e.getMessage());
    }
  }

  private static void requireKey(String key, String id, String field) {
    if (!key.equals(id)) {
      throw new FleetRecordException(
          "key '" + key + "' differs from its " + field + " '" + id + "'");
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
