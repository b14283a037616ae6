package dev.lanes.internal.poll;

import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.internal.offsets.PartitionState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which partitions a poll loop owns and which of them are paused, and why, as the poll thread last
 * saw them. Immutable, so the fleet publisher reads it from its own thread while the poll thread
 * keeps the live state to itself.
 *
 * @param owned the partitions, main and retry, as {@code topic-n}
 * @param paused the paused ones with their reason
 */
public record PartitionSnapshot(List<String> owned, List<PausedPartition> paused) {

  public static final PartitionSnapshot EMPTY = new PartitionSnapshot(List.of(), List.of());

  public PartitionSnapshot {
    owned = List.copyOf(owned);
    paused = List.copyOf(paused);
  }

  /** The state of {@code partitions} now. Poll thread only: it reads their pause state. */
  static PartitionSnapshot of(Collection<PartitionState> partitions) {
    List<String> owned = new ArrayList<>(partitions.size());
    List<PausedPartition> paused = new ArrayList<>();
    for (PartitionState partition : partitions) {
      String name = partition.topicPartition().toString();
      owned.add(name);
      if (partition.isPaused()) {
        paused.add(pausedBecause(name, partition));
      }
    }
    return new PartitionSnapshot(owned, paused);
  }

  /** Several loops' snapshots as one, e.g. a lane's main-topic loops and its retry loop. */
  public static PartitionSnapshot merge(Collection<PartitionSnapshot> snapshots) {
    List<String> owned = new ArrayList<>();
    List<PausedPartition> paused = new ArrayList<>();
    for (PartitionSnapshot snapshot : snapshots) {
      owned.addAll(snapshot.owned());
      paused.addAll(snapshot.paused());
    }
    return new PartitionSnapshot(owned, paused);
  }

  // A dependency's wait outranks the others: it is the one an operator can do something about.
  private static PausedPartition pausedBecause(String name, PartitionState partition) {
    String dependency = partition.blockedOn();
    if (dependency != null) {
      return PausedPartition.onDependency(name, dependency);
    }
    if (partition.waitingUntil() != 0) {
      return new PausedPartition(name, PausedPartition.RETRY_DUE, null);
    }
    return new PausedPartition(name, PausedPartition.BACKPRESSURE, null);
  }
}
