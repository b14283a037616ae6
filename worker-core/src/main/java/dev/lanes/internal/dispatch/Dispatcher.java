package dev.lanes.internal.dispatch;

import dev.lanes.OrderingMode;
import dev.lanes.internal.offsets.PartitionOffsets;
import dev.lanes.internal.offsets.PartitionState;
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
 *   <li>{@code KEY}: keys are spread over a fixed set of slots ({@link KeySlots}); a poll's records
 *       of one slot form a batch chained behind that slot's previous batch, so a key's records run
 *       one at a time in offset order; records without a key are unordered.
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
  private final KeySlots keySlots;

  // Scratch for sorting a poll by slot, reused from poll to poll (poll thread only).
  private int[] slotOfRecord = new int[0];
  private final int[] slotStarts;

  public Dispatcher(OrderingMode ordering, int concurrency, LaneExecution execution) {
    this.ordering = ordering;
    this.concurrency = concurrency;
    this.execution = execution;
    this.keySlots = new KeySlots(concurrency);
    // One bucket per slot, one more for records without a key, and an end marker.
    this.slotStarts = new int[keySlots.count() + 2];
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
      case PARTITION ->
          chained(
              partition,
              TaskBatch.adjacent(
                  execution, partition, records, 0, records.size(), PARTITION_CHAIN));
      case UNORDERED -> unordered(partition, records, 0, records.size(), true);
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

  /**
   * Sorts the poll's records by slot (a stable counting sort, so each slot keeps offset order) and
   * dispatches each slot's records as batches chained behind the slot's previous batch. The records
   * without a key come last, unordered. One array per poll instead of a batch per record: with many
   * interleaved keys, consecutive records rarely share a key.
   */
  private void byKey(PartitionState partition, List<ConsumerRecord<byte[], byte[]>> records) {
    int size = records.size();
    int keyless = keySlots.count();
    if (slotOfRecord.length < size) {
      slotOfRecord = new int[size];
    }
    Arrays.fill(slotStarts, 0);
    for (int i = 0; i < size; i++) {
      byte[] key = records.get(i).key();
      int slot = key == null ? keyless : keySlots.slotOf(key);
      slotOfRecord[i] = slot;
      slotStarts[slot + 1]++;
    }
    for (int slot = 1; slot < slotStarts.length; slot++) {
      slotStarts[slot] += slotStarts[slot - 1];
    }
    @SuppressWarnings("unchecked")
    ConsumerRecord<byte[], byte[]>[] sorted = new ConsumerRecord[size];
    for (int i = 0; i < size; i++) {
      // Fills each bucket from its start; the starts end up where the next bucket begins.
      sorted[slotStarts[slotOfRecord[i]]++] = records.get(i);
    }
    List<ConsumerRecord<byte[], byte[]>> bySlot = Arrays.asList(sorted);
    int from = 0;
    for (int slot = 0; slot < keyless; slot++) {
      int to = slotStarts[slot];
      for (int start = from; start < to; start += MAX_BATCH) {
        chained(
            partition,
            TaskBatch.gathered(
                execution,
                partition,
                bySlot,
                start,
                Math.min(to, start + MAX_BATCH),
                keySlots.chainKey(slot)));
      }
      from = to;
    }
    if (from < size) {
      unordered(partition, bySlot, from, size, false);
    }
  }

  private void unordered(
      PartitionState partition,
      List<ConsumerRecord<byte[], byte[]>> records,
      int from,
      int to,
      boolean adjacentInPoll) {
    int size = Math.max(1, Math.min(MAX_BATCH, (to - from) / concurrency));
    for (int start = from; start < to; start += size) {
      int end = Math.min(to, start + size);
      execution
          .executor()
          .execute(
              adjacentInPoll
                  ? TaskBatch.adjacent(execution, partition, records, start, end, null)
                  : TaskBatch.gathered(execution, partition, records, start, end, null));
    }
  }

  private void chained(PartitionState partition, TaskBatch batch) {
    if (partition.chains().admit(batch.chainKey(), batch)) {
      execution.executor().execute(batch);
    }
  }
}
