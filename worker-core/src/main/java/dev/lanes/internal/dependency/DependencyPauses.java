package dev.lanes.internal.dependency;

import dev.lanes.Priority;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.PartitionState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses partitions whose task found its dependency's breaker open, and resumes them when it
 * recovers. A blocked partition is paused at once (workers skip its unstarted records); once its
 * running tasks are back, it is sought to its first unfinished record, so nothing fetched is
 * skipped. While the breaker half-opens, only partitions holding a probe permit resume; when it
 * closes, all do. A partition that found no permit of the adaptive limit resumes once a call of its
 * lane would find one, checked on every pass of the poll loop. Poll thread only.
 */
public final class DependencyPauses {

  private static final Logger log = LoggerFactory.getLogger(DependencyPauses.class);

  private final String laneName;
  private final Priority priority;
  private final Consumer<byte[], byte[]> consumer;
  private final DependencyRegistry dependencies;
  private final DependencyWaits waits;
  private final LaneClock clock;

  public DependencyPauses(
      String laneName,
      Priority priority,
      Consumer<byte[], byte[]> consumer,
      DependencyRegistry dependencies,
      LaneClock clock) {
    this.laneName = laneName;
    this.priority = priority;
    this.consumer = consumer;
    this.dependencies = dependencies;
    this.clock = clock;
    this.waits = new DependencyWaits(clock.nanos());
  }

  /** Brings waits in line with blocked partitions and the breakers' states. */
  public void update(InFlightWork work) {
    for (PartitionState partition : work.partitions()) {
      if (!partition.isBlocked()) {
        continue;
      }
      TopicPartition topicPartition = partition.topicPartition();
      if (waits.waitOn(topicPartition, partition.blockedOn())) {
        dependencies.partitionPaused(partition.blockedOn());
        log.info(
            "partition paused lane={} partition={} dependency={}"
                + " (its breaker or its concurrency limit rejected a call)",
            laneName,
            topicPartition,
            partition.blockedOn());
      }
      if (!partition.isRewound() && partition.outstanding() == 0) {
        rewind(partition);
      }
    }
    if (!waits.isEmpty()) {
      for (String dependency : waits.dependencies()) {
        resumeIfAvailable(work, dependencies.get(dependency));
      }
    }
  }

  /**
   * Newly assigned partitions that this loop still records as waiting: the consumer's pause state
   * did not survive the assignment, so make the pause controller apply it again.
   */
  public void assigned(InFlightWork work, Collection<TopicPartition> assigned) {
    for (TopicPartition topicPartition : waits.stillWaiting(assigned)) {
      PartitionState partition = work.partition(topicPartition);
      if (partition != null) {
        partition.paused(false);
      }
    }
  }

  /** Partitions revoked or lost: their waits end here; the next owner discovers its own. */
  public void forget(Collection<PartitionState> partitions) {
    List<String> dropped =
        waits.forget(partitions.stream().map(PartitionState::topicPartition).toList());
    dropped.forEach(dependencies::partitionDropped);
  }

  private void rewind(PartitionState partition) {
    OptionalLong first = partition.offsets().rewind();
    if (first.isPresent()) {
      consumer.seek(partition.topicPartition(), first.getAsLong());
    }
    partition.rewound();
  }

  private void resumeIfAvailable(InFlightWork work, GuardedDependency dependency) {
    Availability availability = dependency.availability();
    if (availability == Availability.UNAVAILABLE) {
      return;
    }
    for (TopicPartition topicPartition : waits.waitingOn(dependency.name())) {
      PartitionState partition = work.partition(topicPartition);
      if (partition == null || !partition.isRewound()) {
        continue;
      }
      if (!dependency.hasPermitFor(priority)) {
        // Waited for a permit of the adaptive limit: resume once one is free, checked each poll.
        return;
      }
      if (availability == Availability.PROBING && !dependency.tryTakeProbe()) {
        return;
      }
      resume(partition, dependency.name(), availability);
    }
  }

  private void resume(PartitionState partition, String dependency, Availability availability) {
    partition.unblock(clock.nowMillis());
    Duration waited = waits.release(partition.topicPartition());
    dependencies.partitionResumed(dependency, waited);
    log.info(
        "partition resumed lane={} partition={} dependency={} waited={}ms{}",
        laneName,
        partition.topicPartition(),
        dependency,
        waited.toMillis(),
        availability == Availability.PROBING ? " (probe)" : "");
  }
}
