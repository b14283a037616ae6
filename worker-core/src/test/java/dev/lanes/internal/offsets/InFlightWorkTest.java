package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InFlightWorkTest {

  private final BlockingQueue<Completion> completions = new ArrayBlockingQueue<>(16);
  private final InFlightWork work = new InFlightWork(completions, 16, Set.of(), System::nanoTime);
  private final TopicPartition topicPartition = new TopicPartition("t", 0);

  @Test
  @Timeout(10)
  void waitingForACountHandsBackWhatFinishedAndReturnsWithoutWaitingOut() throws Exception {
    work.assigned(List.of(topicPartition));
    PartitionState partition = work.partition(topicPartition);
    work.dispatched(100);
    partition.dispatched(100);
    completions.add(finished(partition, 30));
    completions.add(finished(partition, 30));

    // A minute-long wait would fail the test's timeout: the count is reached at once.
    work.awaitCountAtMost(50, 60_000);

    assertThat(work.count()).isEqualTo(40);
  }

  @Test
  @Timeout(10)
  void waitingForACountGivesUpAfterItsTimeWhenTooLittleFinishes() throws Exception {
    work.assigned(List.of(topicPartition));
    PartitionState partition = work.partition(topicPartition);
    work.dispatched(100);
    partition.dispatched(100);
    completions.add(finished(partition, 10));

    work.awaitCountAtMost(50, 1);

    assertThat(work.count()).as("what finished is handed back all the same").isEqualTo(90);
  }

  private static Completion finished(PartitionState partition, int records) {
    return new Completion() {
      @Override
      public PartitionState partition() {
        return partition;
      }

      @Override
      public int records() {
        return records;
      }

      @Override
      public void finishOffsets() {}
    };
  }
}
