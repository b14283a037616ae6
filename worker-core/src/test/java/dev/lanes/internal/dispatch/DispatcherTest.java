package dev.lanes.internal.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.OrderingMode;
import dev.lanes.internal.offsets.PartitionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  private final List<TaskBatch> started = new ArrayList<>();
  private final LaneExecution execution =
      new LaneExecution(
          null, batch -> started.add((TaskBatch) batch), new ArrayBlockingQueue<>(64), null, null);
  private final PartitionState partition =
      new PartitionState(new TopicPartition("t", 0), 16, false);

  @Test
  void unorderedRecordsAreSplitSoEveryThreadGetsWork() {
    new Dispatcher(OrderingMode.UNORDERED, 4, execution).dispatch(partition, records(0, 10, null));

    assertThat(started).extracting(TaskBatch::size).containsExactly(2, 2, 2, 2, 2);
    assertThat(partition.offsets().unfinished()).isEqualTo(10);
    assertThat(partition.outstanding()).isEqualTo(10);
  }

  @Test
  void partitionOrderingRunsOnePollAfterTheOther() {
    Dispatcher dispatcher = new Dispatcher(OrderingMode.PARTITION, 4, execution);

    dispatcher.dispatch(partition, records(0, 5, null));
    dispatcher.dispatch(partition, records(5, 5, null));

    assertThat(started).extracting(TaskBatch::size).containsExactly(5);
    TaskBatch next = partition.chains().finish(started.get(0).chainKey(), started.get(0));
    assertThat(next).isNotNull().extracting(TaskBatch::size).isEqualTo(5);
  }

  @Test
  void keyOrderingSendsAPollsRecordsOfOneSlotAsOneBatchInOffsetOrder() {
    KeySlots slots = new KeySlots(4);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      records.add(record(i, "key-" + (i % 200)));
    }

    new Dispatcher(OrderingMode.KEY, 4, execution).dispatch(partition, records);

    // At most one batch per slot starts, and no record is in two batches or none.
    assertThat(started).hasSizeLessThanOrEqualTo(slots.count());
    assertThat(started).allSatisfy(batch -> assertThat(batch.size()).isGreaterThan(1));
    Map<String, Object> chainOfKey = new HashMap<>();
    long total = 0;
    for (TaskBatch batch : started) {
      for (int i = 0; i < batch.size(); i++) {
        if (i > 0) {
          assertThat(batch.offset(i)).isGreaterThan(batch.offset(i - 1));
        }
        String key = "key-" + (batch.offset(i) % 200);
        assertThat(chainOfKey.computeIfAbsent(key, k -> batch.chainKey()))
            .as("every record of %s is in the same slot", key)
            .isSameAs(batch.chainKey());
        assertThat(slots.chainKey(slots.slotOf(key.getBytes(UTF_8)))).isEqualTo(batch.chainKey());
      }
      total += batch.size();
    }
    assertThat(total).isEqualTo(500);
  }

  @Test
  void aKeysNextPollWaitsBehindItsSlotsBatchAndStartsWhenItFinishes() {
    Dispatcher dispatcher = new Dispatcher(OrderingMode.KEY, 4, execution);

    dispatcher.dispatch(partition, records(0, 3, "a"));
    dispatcher.dispatch(partition, records(3, 2, "a"));

    assertThat(started).extracting(TaskBatch::size).containsExactly(3);
    TaskBatch next = partition.chains().finish(started.get(0).chainKey(), started.get(0));
    assertThat(next).isNotNull();
    assertThat(next.offset(0)).isEqualTo(3);
    assertThat(partition.chains().finish(next.chainKey(), next)).isNull();
  }

  @Test
  void keysOfDifferentSlotsRunInParallel() {
    KeySlots slots = new KeySlots(4);
    String a = "a";
    String b = keyInAnotherSlot(slots, a);
    List<ConsumerRecord<byte[], byte[]>> records =
        List.of(record(0, a), record(1, b), record(2, a), record(3, b));

    new Dispatcher(OrderingMode.KEY, 4, execution).dispatch(partition, records);

    assertThat(started).hasSize(2).extracting(TaskBatch::size).containsExactly(2, 2);
    assertThat(started.get(0).chainKey()).isNotSameAs(started.get(1).chainKey());
    assertThat(partition.chains().activeKeys()).isEqualTo(2);
  }

  @Test
  void keylessRecordsOfAKeyOrderedLaneAreUnordered() {
    List<ConsumerRecord<byte[], byte[]>> records =
        List.of(record(0, null), record(1, "a"), record(2, null), record(3, "a"));

    new Dispatcher(OrderingMode.KEY, 1, execution).dispatch(partition, records);

    assertThat(started).hasSize(2);
    TaskBatch keyless = started.get(1);
    assertThat(keyless.chainKey()).isNull();
    assertThat(List.of(keyless.offset(0), keyless.offset(1))).containsExactly(0L, 2L);
  }

  @Test
  void batchesNeverExceedTheCapAndASlotsFurtherRecordsChainBehind() {
    new Dispatcher(OrderingMode.KEY, 1, execution).dispatch(partition, records(0, 150, "hot"));

    assertThat(started).extracting(TaskBatch::size).containsExactly(Dispatcher.MAX_BATCH);
    assertThat(partition.chains().activeKeys()).isEqualTo(1);
    TaskBatch second = partition.chains().finish(started.get(0).chainKey(), started.get(0));
    assertThat(second.size()).isEqualTo(Dispatcher.MAX_BATCH);
    assertThat(second.offset(0)).isEqualTo(Dispatcher.MAX_BATCH);
    TaskBatch third = partition.chains().finish(second.chainKey(), second);
    assertThat(third.size()).isEqualTo(150 - 2 * Dispatcher.MAX_BATCH);
    assertThat(partition.chains().finish(third.chainKey(), third)).isNull();
  }

  static String keyInAnotherSlot(KeySlots slots, String key) {
    int slot = slots.slotOf(key.getBytes(UTF_8));
    for (int i = 0; ; i++) {
      String other = "other-" + i;
      if (slots.slotOf(other.getBytes(UTF_8)) != slot) {
        return other;
      }
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> records(long from, int count, String key) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(from + i, key));
    }
    return records;
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String key) {
    return new ConsumerRecord<>(
        "t", 0, offset, key == null ? null : key.getBytes(UTF_8), "{}".getBytes(UTF_8));
  }
}
