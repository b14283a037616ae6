package dev.lanes.internal.poll;

import dev.lanes.LanesHeaders;
import dev.lanes.internal.forward.HeaderValues;
import dev.lanes.internal.offsets.PartitionState;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps retry records from running before their due time without holding a thread: the first record
 * of a poll that is not due yet is sought back to and its partition waits (paused) until then,
 * while every other partition keeps flowing. Poll thread only.
 */
final class RetryGate {

  private final Consumer<byte[], byte[]> consumer;

  RetryGate(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /**
   * The leading records that are due at {@code nowMillis}. From the first one that is not, the
   * partition is fetched again once it is due; records after it are dropped from this poll even if
   * due (jitter may order them so), because offsets must finish in order of fetching.
   */
  List<ConsumerRecord<byte[], byte[]>> due(
      PartitionState partition, List<ConsumerRecord<byte[], byte[]>> records, long nowMillis) {
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      // A record without a due time (produced by hand, say) is due at once.
      long due = HeaderValues.longValue(record.headers(), LanesHeaders.DUE, 0);
      if (due > nowMillis) {
        consumer.seek(partition.topicPartition(), record.offset());
        partition.waitUntil(due);
        return records.subList(0, i);
      }
    }
    return records;
  }
}
