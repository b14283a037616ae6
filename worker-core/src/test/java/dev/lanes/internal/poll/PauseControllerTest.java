package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.PartitionState;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PauseControllerTest {

  private final TopicPartition first = new TopicPartition("t", 0);
  private final TopicPartition second = new TopicPartition("t", 1);
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final PauseController pauses =
      new PauseController("lane", consumer, 100, 10, LaneClock.SYSTEM, () -> false);

  @Test
  void aFullLaneFetchesAgainOnlyAtHalfItsBound() {
    consumer.assign(List.of(first));
    PartitionState partition = new PartitionState(first, 16, false);

    pauses.update(List.of(partition), 100, 0);

    assertThat(pauses.fetchingBlocked(List.of(partition))).isTrue();
    assertThat(pauses.resumeBelowOrAt(100)).isEqualTo(50);
  }

  @Test
  void aLaneBelowItsBoundWaitsForAnyFinishedBatch() {
    consumer.assign(List.of(first));
    PartitionState partition = new PartitionState(first, 16, false);

    pauses.update(List.of(partition), 60, 0);

    assertThat(pauses.resumeBelowOrAt(60)).isEqualTo(59);
  }

  @Test
  void countsThePartitionsPausedOnTheirFullWindow() {
    consumer.assign(List.of(first, second));
    PartitionState full = new PartitionState(first, 16, false);
    PartitionState open = new PartitionState(second, 16, false);
    for (long offset = 0; offset < 10; offset++) {
      full.offsets().track(offset);
    }

    pauses.update(List.of(full, open), 10, 0);

    assertThat(pauses.windowFullCount()).isEqualTo(1);
    assertThat(consumer.paused()).containsExactly(first);

    for (long offset = 0; offset < 5; offset++) {
      full.offsets().finish(offset);
    }
    pauses.update(List.of(full, open), 5, 0);

    assertThat(pauses.windowFullCount()).isZero();
    assertThat(consumer.paused()).isEmpty();
  }
}
