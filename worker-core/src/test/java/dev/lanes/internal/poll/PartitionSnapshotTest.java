package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.internal.offsets.PartitionState;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionSnapshotTest {

  @Test
  void namesEveryOwnedPartitionAndWhyEachPausedOneWaits() {
    PartitionState running = partition("tasks.a", 0, false);
    PartitionState onDependency = partition("tasks.a", 1, false);
    onDependency.block("payments");
    onDependency.paused(true);
    PartitionState retryDue = partition("tasks.a.retry.1", 0, true);
    retryDue.waitUntil(5_000);
    retryDue.paused(true);
    PartitionState full = partition("tasks.a", 2, false);
    full.paused(true);

    PartitionSnapshot snapshot =
        PartitionSnapshot.of(List.of(running, onDependency, retryDue, full));

    assertThat(snapshot.owned())
        .containsExactly("tasks.a-0", "tasks.a-1", "tasks.a.retry.1-0", "tasks.a-2");
    assertThat(snapshot.paused())
        .containsExactly(
            PausedPartition.onDependency("tasks.a-1", "payments"),
            new PausedPartition("tasks.a.retry.1-0", PausedPartition.RETRY_DUE, null),
            new PausedPartition("tasks.a-2", PausedPartition.BACKPRESSURE, null));
  }

  @Test
  void aBlockedPartitionNotYetPausedIsNotReportedPaused() {
    PartitionState blocked = partition("tasks.a", 0, false);
    blocked.block("payments");

    assertThat(PartitionSnapshot.of(List.of(blocked)).paused()).isEmpty();
  }

  @Test
  void mergeJoinsTheLoopsOfALane() {
    PartitionSnapshot main = new PartitionSnapshot(List.of("tasks.a-0"), List.of());
    PartitionSnapshot retry =
        new PartitionSnapshot(
            List.of("tasks.a.retry.1-0"),
            List.of(new PausedPartition("tasks.a.retry.1-0", PausedPartition.RETRY_DUE, null)));

    PartitionSnapshot lane = PartitionSnapshot.merge(List.of(main, retry));

    assertThat(lane.owned()).containsExactly("tasks.a-0", "tasks.a.retry.1-0");
    assertThat(lane.paused()).hasSize(1);
  }

  private static PartitionState partition(String topic, int number, boolean retries) {
    return new PartitionState(new TopicPartition(topic, number), 16, retries);
  }
}
