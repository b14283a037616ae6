package dev.lanes.internal.dispatch;

import dev.lanes.OrderingMode;
import dev.lanes.internal.offsets.PartitionOffsets;
import dev.lanes.internal.offsets.PartitionState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Cuts the records one poll returned for a partition into batches and hands them to the lane's
 * pool, so that the lane's ordering mode holds:
 *
 * <ul>
 *   <li>{@code PARTITION}: the whole poll is one batch, chained behind the partition's previous
 *       batch.
 *   <li>{@code KEY}: consecutive records with the same key form a batch chained behind that key's
 *       previous batch; records without a key are unordered.
 *   <li>{@code UNORDERED}: records are cut into a few batches so every thread gets work.
 * </ul>
 *
 * The price of batching: records behind a slow one in the same batch wait for it (at most {@link
 * #MAX_BATCH} - 1 of them), where per-record hand-over would let another thread take them.
 *
 * <p>Poll thread only.
 */
public final class Dispatcher {

  /** Caps a batch so one worker never holds a long run that others could share. */
  static final int MAX_BATCH = 64;

  private static final Object PARTITION_CHAIN = new Object();

  private final OrderingMode ordering;
  private final int concurrency;
  private final LaneExecution execution;

  public Dispatcher(OrderingMode ordering, int concurrency, LaneExecution execution) {
    this.ordering = ordering;
    this.concurrency = concurrency;
    this.execution = execution;
  }

  /** Tracks every record's offset, then dispatches them. Returns the number of records. */
  public int dispatch(PartitionState partition, List<ConsumerRecord<byte[], byte[]>> polled) {
    PartitionOffsets offsets = partition.offsets();
    List<ConsumerRecord<byte[], byte[]>> records = polled;
    if (offsets.replaying()) {
      records = withoutFinished(offsets, polled);
    } else {
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        offsets.track(record.offset(), record.timestamp());
      }
    }
    if (records.isEmpty()) {
      return 0;
    }
    partition.dispatched(records.size());
    switch (ordering) {
      case PARTITION -> chained(partition, records, 0, records.size(), PARTITION_CHAIN);
      case UNORDERED -> unordered(partition, records, 0, records.size());
      case KEY -> byKey(partition, records);
    }
    return records.size();
  }

  /** After a rewind: records that finished before it are tracked as finished, not run again. */
  private static List<ConsumerRecord<byte[], byte[]>> withoutFinished(
      PartitionOffsets offsets, List<ConsumerRecord<byte[], byte[]>> polled) {
    List<ConsumerRecord<byte[], byte[]>> toRun = new ArrayList<>(polled.size());
    for (ConsumerRecord<byte[], byte[]> record : polled) {
      if (!offsets.trackReplayed(record.offset(), record.timestamp())) {
        toRun.add(record);
      }
    }
    return toRun;
  }

  private void byKey(PartitionState partition, List<ConsumerRecord<byte[], byte[]>> records) {
    int start = 0;
    while (start < records.size()) {
      byte[] key = records.get(start).key();
      int end = start + 1;
      while (end < records.size() && sameKey(key, records.get(end).key())) {
        end++;
      }
      if (key == null) {
        unordered(partition, records, start, end);
      } else {
        for (int from = start; from < end; from += MAX_BATCH) {
          chained(partition, records, from, Math.min(end, from + MAX_BATCH), ByteBuffer.wrap(key));
        }
      }
      start = end;
    }
  }

  private void unordered(
      PartitionState partition, List<ConsumerRecord<byte[], byte[]>> records, int from, int to) {
    int size = Math.max(1, Math.min(MAX_BATCH, (to - from) / concurrency));
    for (int start = from; start < to; start += size) {
      execution
          .executor()
          .execute(
              new TaskBatch(
                  execution, partition, records, start, Math.min(to, start + size), null));
    }
  }

  private void chained(
      PartitionState partition,
      List<ConsumerRecord<byte[], byte[]>> records,
      int from,
      int to,
      Object chainKey) {
    TaskBatch batch = new TaskBatch(execution, partition, records, from, to, chainKey);
    if (partition.chains().admit(chainKey, batch)) {
      execution.executor().execute(batch);
    }
  }

  private static boolean sameKey(byte[] a, byte[] b) {
    return a == null ? b == null : b != null && Arrays.equals(a, b);
  }
}
