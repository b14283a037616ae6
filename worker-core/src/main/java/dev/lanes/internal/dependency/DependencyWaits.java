package dev.lanes.internal.dependency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of a poll loop wait on which dependency, and since when. This is the runtime's
 * own record, not the consumer's pause state, so a rebalance cannot silently resume a partition.
 * Poll thread only.
 */
final class DependencyWaits {

  private record Wait(String dependency, long sinceNanos) {}

  private final LongSupplier nanoClock;
  private final Map<TopicPartition, Wait> waits = new LinkedHashMap<>();

  DependencyWaits(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Records that {@code partition} waits on {@code dependency}; false if it already waits. */
  boolean waitOn(TopicPartition partition, String dependency) {
    if (waits.containsKey(partition)) {
      return false;
    }
    waits.put(partition, new Wait(dependency, nanoClock.getAsLong()));
    return true;
  }

  /** The dependency {@code partition} waits on, or null. */
  String dependencyOf(TopicPartition partition) {
    Wait wait = waits.get(partition);
    return wait == null ? null : wait.dependency();
  }

  /** The dependencies some partition waits on. */
  Set<String> dependencies() {
    Set<String> dependencies = new LinkedHashSet<>();
    waits.values().forEach(wait -> dependencies.add(wait.dependency()));
    return dependencies;
  }

  /** The partitions waiting on {@code dependency}, longest waiting first. */
  List<TopicPartition> waitingOn(String dependency) {
    List<TopicPartition> partitions = new ArrayList<>();
    waits.forEach(
        (partition, wait) -> {
          if (wait.dependency().equals(dependency)) {
            partitions.add(partition);
          }
        });
    return partitions;
  }

  /** Ends the wait of {@code partition}; returns how long it lasted. */
  Duration release(TopicPartition partition) {
    Wait wait = waits.remove(partition);
    if (wait == null) {
      throw new IllegalStateException(partition + " does not wait on a dependency");
    }
    return Duration.ofNanos(nanoClock.getAsLong() - wait.sinceNanos());
  }

  /**
   * Forgets the waits of partitions this loop no longer owns (revoked or lost); their next owner
   * pauses them on its first rejected call. Returns the dependency of each dropped wait.
   */
  List<String> forget(Collection<TopicPartition> partitions) {
    List<String> dropped = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Wait wait = waits.remove(partition);
      if (wait != null) {
        dropped.add(wait.dependency());
      }
    }
    return dropped;
  }

  /**
   * Of newly assigned partitions, those that still wait: the consumer's pause state does not
   * survive an assignment, so they must be paused again.
   */
  List<TopicPartition> stillWaiting(Collection<TopicPartition> assigned) {
    List<TopicPartition> waiting = new ArrayList<>();
    for (TopicPartition partition : assigned) {
      if (waits.containsKey(partition)) {
        waiting.add(partition);
      }
    }
    return waiting;
  }

  boolean isEmpty() {
    return waits.isEmpty();
  }
}
