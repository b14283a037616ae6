package dev.lanes.app.dlt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic the way an operator looks at it: from the beginning to the end it has
 * now, never waiting for more, without a consumer group and without committing anything. Each call
 * opens and closes its own consumer.
 */
public final class DeadLetterReader {

  /** Oldest first; partition and offset break ties so output is stable. */
  static final Comparator<DeadLetter> OLDEST_FIRST =
      Comparator.comparing(DeadLetter::timestamp)
          .thenComparingInt(DeadLetter::partition)
          .thenComparingLong(DeadLetter::offset);

  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> clientProperties;
  private final String topic;
  private final Clock clock;

  /**
   * @param clientProperties bootstrap servers and any security settings, used as given
   * @param deadLetterTopic the topic to read, e.g. {@code tasks.realtime.dlt}
   */
  public DeadLetterReader(
      Map<String, Object> clientProperties, String deadLetterTopic, Clock clock) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.topic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String topic() {
    return topic;
  }

  /** The dead letters the filter selects, oldest first, at most {@code filter.limit()}. */
  public List<DeadLetter> read(DeadLetterFilter filter) {
    return select(filter).deadLetters();
  }

  /** As {@link #read(DeadLetterFilter)}, also counting how many matched beyond the limit. */
  public DeadLetterSelection select(DeadLetterFilter filter) {
    return select(filter, deadLetter -> true);
  }

  /**
   * As {@link #select(DeadLetterFilter)}, also requiring {@code andAlso}, which is asked only about
   * dead letters the filter matched and before the limit applies (a replay skips records it already
   * replayed there, so a limit counts only new ones; the console adds filters the CLI lacks).
   */
  public DeadLetterSelection select(DeadLetterFilter filter, Predicate<DeadLetter> andAlso) {
    Instant now = clock.instant();
    long[] matched = {0};
    // The newest kept on top, so the oldest `limit` stay in memory however long the topic is.
    PriorityQueue<DeadLetter> kept = new PriorityQueue<>(OLDEST_FIRST.reversed());
    try (Consumer<byte[], byte[]> consumer = open()) {
      List<TopicPartition> partitions =
          partitions(consumer).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      new BoundedScan(consumer, STALL_TIMEOUT)
          .readAll(
              partitions,
              record -> {
                DeadLetter deadLetter = DeadLetter.of(record);
                if (filter.matches(deadLetter, now) && andAlso.test(deadLetter)) {
                  matched[0]++;
                  kept.add(deadLetter);
                  if (kept.size() > filter.limit()) {
                    kept.poll();
                  }
                }
              });
    }
    List<DeadLetter> selected = new ArrayList<>(kept);
    selected.sort(OLDEST_FIRST);
    return new DeadLetterSelection(selected, matched[0]);
  }

  /**
   * The dead letter at {@code partition} and {@code offset}.
   *
   * @throws IllegalArgumentException naming the topic's partitions or the partition's offsets when
   *     there is no such record
   */
  public DeadLetter find(int partition, long offset) {
    try (Consumer<byte[], byte[]> consumer = open()) {
      int partitionCount = partitions(consumer).size();
      if (partition < 0 || partition >= partitionCount) {
        throw new IllegalArgumentException(
            "partition "
                + partition
                + " does not exist in "
                + topic
                + ", which has partitions 0.."
                + (partitionCount - 1));
      }
      TopicPartition tp = new TopicPartition(topic, partition);
      long first = consumer.beginningOffsets(List.of(tp)).get(tp);
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      if (offset < first || offset >= end) {
        throw new IllegalArgumentException(
            "offset "
                + offset
                + " is out of range for "
                + tp
                + (first == end
                    ? ", which holds no records (next offset " + end + ")"
                    : ", which holds offsets " + first + ".." + (end - 1)));
      }
      return readAt(consumer, tp, offset);
    }
  }

  private DeadLetter readAt(Consumer<byte[], byte[]> consumer, TopicPartition tp, long offset) {
    consumer.assign(List.of(tp));
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + STALL_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() == offset) {
          return DeadLetter.of(record);
        }
        if (record.offset() > offset) {
          throw new IllegalArgumentException(
              "no record at "
                  + tp
                  + "@"
                  + offset
                  + ": the next one is at offset "
                  + record.offset()
                  + " (the log was compacted, or the offset held a transaction"
                  + " marker)");
        }
      }
    }
    throw new IllegalStateException(
        "could not read " + tp + "@" + offset + " within " + STALL_TIMEOUT);
  }

  private List<PartitionInfo> partitions(Consumer<byte[], byte[]> consumer) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic);
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalArgumentException("topic " + topic + " does not exist");
    }
    return partitions;
  }

  private Consumer<byte[], byte[]> open() {
    return new KafkaConsumer<>(ClientSettings.reader(clientProperties));
  }
}
