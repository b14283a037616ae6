package dev.lanes.tools.drill;

import dev.lanes.LanesHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Samples the lane's committed offsets during a drill and checks each against what is known to have
 * become of the tasks below it ({@link OffsetAudit}). It also reads the retry and dead-letter
 * topics as the runtime writes them, which is how retries and dead letters enter {@link TaskFates}.
 * Samples that cannot be taken (the broker is down) are counted and skipped.
 */
final class CommittedOffsetChecker implements AutoCloseable {

  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final DrillLane lane;
  private final RecordIndex index;
  private final TaskFates fates;
  private final Admin admin;
  private final KafkaConsumer<String, byte[]> forwards;
  private final OffsetAudit audit = new OffsetAudit();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  CommittedOffsetChecker(
      String bootstrapServers, DrillLane lane, RecordIndex index, TaskFates fates) {
    this.lane = lane;
    this.index = index;
    this.fates = fates;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    Properties consumer = new Properties();
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.forwards =
        new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : lane.forwardTopics()) {
      for (PartitionInfo info : forwards.partitionsFor(topic, CALL_TIMEOUT)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    forwards.assign(partitions);
    forwards.seekToBeginning(partitions);
    this.thread = new Thread(this::sampleUntilStopped, "offset-checker-" + lane.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops sampling, then takes one last sample; call once the workers are stopped. */
  void finish() {
    stopSampling();
    if (!sampleOnce(true)) {
      throw new IllegalStateException("the last committed-offset sample could not be taken");
    }
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  long samples() {
    return samples.get();
  }

  long skipped() {
    return skipped.get();
  }

  long recordsChecked() {
    return audit.recordsChecked();
  }

  String summary() {
    return "samples="
        + samples()
        + " skipped="
        + skipped()
        + " records-checked="
        + recordsChecked()
        + " violations="
        + violations.size();
  }

  @Override
  public void close() {
    stopSampling();
    forwards.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }

  private void stopSampling() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sampleUntilStopped() {
    while (running) {
      sampleOnce(false);
      LanesProcess.sleep(INTERVAL);
    }
  }

  /**
   * Reads the committed offsets first, then everything forwarded up to now: a task finishes before
   * its offset is committed, so whatever finished it is visible by the time the audit runs.
   */
  private boolean sampleOnce(boolean last) {
    try {
      Map<TopicPartition, Long> committed = committedOffsets();
      readForwardsToEnd();
      violations.addAll(audit.check(committed, index, fates, last));
      samples.incrementAndGet();
      return true;
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      skipped.incrementAndGet();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The main topic's offsets from the lane's group, the retry topics' from its retry group. */
  private Map<TopicPartition, Long> committedOffsets()
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, Long> committed = new HashMap<>();
    for (String group : List.of(lane.group(), lane.retryGroup())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              committed.put(partition, offset.offset());
            }
          });
    }
    return committed;
  }

  private void readForwardsToEnd() throws TimeoutException {
    Map<TopicPartition, Long> ends = forwards.endOffsets(forwards.assignment(), CALL_TIMEOUT);
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    while (!reached(ends)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("retry and dead-letter topics not read to their end");
      }
      for (ConsumerRecord<String, byte[]> record : forwards.poll(Duration.ofMillis(100))) {
        learn(record);
      }
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (forwards.position(end.getKey(), CALL_TIMEOUT) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void learn(ConsumerRecord<String, byte[]> record) {
    String id = record.key();
    if (id == null) {
      return;
    }
    if (record.topic().equals(lane.deadLetterTopic())) {
      fates.deadLettered(id);
      return;
    }
    int attempt = attemptOf(record);
    fates.retryScheduled(id, attempt);
    index.put(
        new TopicPartition(record.topic(), record.partition()),
        record.offset(),
        new TaskRecord(id, attempt));
  }

  private static int attemptOf(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(LanesHeaders.ATTEMPT);
    if (header == null) {
      throw new IllegalStateException(
          "retry record without " + LanesHeaders.ATTEMPT + ": " + record);
    }
    return Integer.parseInt(new String(header.value(), StandardCharsets.US_ASCII));
  }
}
