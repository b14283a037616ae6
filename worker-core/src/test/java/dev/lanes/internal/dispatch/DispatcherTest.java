package dev.lanes.internal.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.OrderingMode;
import dev.lanes.internal.offsets.PartitionState;
import java.util.ArrayList;
import java.util.List;
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
  void keyOrderingGroupsRunsOfAKeyAndQueuesLaterRunsBehindIt() {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    String[] keys = {"a", "a", "b", null, null, "a"};
    for (int i = 0; i < keys.length; i++) {
      records.add(record(i, keys[i]));
    }

    new Dispatcher(OrderingMode.KEY, 4, execution).dispatch(partition, records);

    // [a a] and [b] start; the two keyless records start on their own; the last [a] waits.
    assertThat(started).extracting(TaskBatch::size).containsExactly(2, 1, 1, 1);
    assertThat(partition.chains().activeKeys()).isEqualTo(2);
    TaskBatch waiting = partition.chains().finish(started.get(0).chainKey(), started.get(0));
    assertThat(waiting).isNotNull().extracting(TaskBatch::size).isEqualTo(1);
  }

  @Test
  void batchesNeverExceedTheCap() {
    new Dispatcher(OrderingMode.KEY, 1, execution).dispatch(partition, records(0, 150, "hot"));

    assertThat(started).extracting(TaskBatch::size).containsExactly(Dispatcher.MAX_BATCH);
    assertThat(partition.chains().activeKeys()).isEqualTo(1);
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
