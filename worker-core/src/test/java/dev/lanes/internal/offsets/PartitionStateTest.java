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

  @Test
  void aRecordWaitedOnADependencyWhileItsPartitionIsBlockedOrIfProducedBeforeTheWaitEnded() {
    assertThat(partition.waitedOnDependency(1_000)).as("never blocked").isFalse();

    partition.block("api");
    assertThat(partition.waitedOnDependency(5_000)).as("blocked now").isTrue();

    partition.unblock(2_000);
    assertThat(partition.waitedOnDependency(2_000)).as("produced before the resume").isTrue();
    assertThat(partition.waitedOnDependency(2_001)).as("produced after it").isFalse();
  }
}
