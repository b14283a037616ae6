package dev.lanes.app.dlt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions from their beginning up to the end offsets they had when the scan started. A
 * tool listing or replaying a topic that is still being written must finish, not follow it.
 */
final class BoundedScan {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final Duration stallTimeout;

  /**
   * @param stallTimeout how long the scan may go without advancing before it gives up: an
   *     unreachable broker shows up as polls that return nothing
   */
  BoundedScan(Consumer<byte[], byte[]> consumer, Duration stallTimeout) {
    this.consumer = consumer;
    this.stallTimeout = stallTimeout;
  }

  void readAll(
      Collection<TopicPartition> partitions,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    List<TopicPartition> unfinished = new ArrayList<>(partitions);
    long progress = advance(partitions, unfinished, ends);
    long lastAdvance = System.nanoTime();
    while (!unfinished.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(partition)) {
          sink.accept(record);
        }
      }
      long advanced = advance(partitions, unfinished, ends);
      if (advanced != progress) {
        progress = advanced;
        lastAdvance = System.nanoTime();
      } else if (System.nanoTime() - lastAdvance > stallTimeout.toNanos()) {
        throw new IllegalStateException(
            "reading stopped advancing for "
                + stallTimeout
                + " before the end offsets "
                + ends
                + "; still unread: "
                + unfinished);
      }
    }
  }

  /**
   * The sum of all positions, which grows while the scan advances. Removes and pauses the
   * partitions that reached their end, so records written after the scan started are not fetched.
   */
  private long advance(
      Collection<TopicPartition> partitions,
      List<TopicPartition> unfinished,
      Map<TopicPartition, Long> ends) {
    long sum = 0;
    for (TopicPartition partition : partitions) {
      sum += consumer.position(partition);
    }
    List<TopicPartition> finished =
        unfinished.stream().filter(p -> consumer.position(p) >= ends.get(p)).toList();
    unfinished.removeAll(finished);
    consumer.pause(finished);
    return sum;
  }
}
