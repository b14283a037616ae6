package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionStateTest {

  private final PartitionState partition = new PartitionState(new TopicPartition("t", 0), 4, false);

  @Test
  void windowIsFullAtTheLimitAndStaysFullUntilItDrainsToHalf() {
    for (long offset = 0; offset < 10; offset++) {
      partition.offsets().track(offset);
    }
    assertThat(partition.windowFull(10)).isTrue();

    for (long offset = 0; offset < 4; offset++) {
      partition.offsets().finish(offset);
    }
    assertThat(partition.windowFull(10)).as("6 left: above half").isTrue();

    partition.offsets().finish(4);
    assertThat(partition.windowFull(10)).as("5 left: half").isFalse();
  }

  @Test
  void finishedRecordsBehindAStuckOneStillCountAgainstTheWindow() {
    for (long offset = 0; offset < 10; offset++) {
      partition.offsets().track(offset);
    }
    for (long offset = 1; offset < 10; offset++) {
      partition.offsets().finish(offset);
    }

    assertThat(partition.windowFull(10)).isTrue();
  }
}
