package dev.lanes.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from its beginning, without joining or committing for any consumer group. */
final class RecordReader {

  private static final Duration MAX_POLL = Duration.ofMillis(200);

  private RecordReader() {}

  /**
   * Returns the records read once at least {@code expectedCount} arrived, in per-partition order.
   * Assigns partitions directly: a subscription would wait for a group rebalance first.
   */
  static List<ConsumerRecord<String, String>> readFromBeginning(
      Map<String, Object> consumerConfig,
      String topic,
      Collection<TopicPartition> partitions,
      int expectedCount,
      Duration timeout) {
    if (expectedCount < 1) {
      throw new IllegalArgumentException("expectedCount must be >= 1, was " + expectedCount);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (read.size() < expectedCount) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              "Expected "
                  + expectedCount
                  + " records on topic "
                  + topic
                  + " within "
                  + timeout
                  + " but found "
                  + read.size());
        }
        Duration poll = Duration.ofNanos(Math.min(remaining, MAX_POLL.toNanos()));
        consumer.poll(poll).forEach(read::add);
      }
    }
    return List.copyOf(read);
  }
}
