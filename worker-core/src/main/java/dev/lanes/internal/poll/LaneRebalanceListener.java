package dev.lanes.internal.poll;

import dev.lanes.internal.dependency.DependencyPauses;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
import dev.lanes.internal.offsets.PartitionState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lane does when the group moves its partitions. Runs on the poll thread, inside poll() and
 * close().
 */
final class LaneRebalanceListener implements ConsumerRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(LaneRebalanceListener.class);

  private final PollLoop loop;
  private final InFlightWork work;
  private final PauseController pauses;
  private final DependencyPauses dependencyPauses;
  private final OffsetCommitter committer;
  private final Duration revokeGrace;
  private final long stepMillis;
  private final LaneClock clock;

  LaneRebalanceListener(
      PollLoop loop,
      InFlightWork work,
      PauseController pauses,
      DependencyPauses dependencyPauses,
      OffsetCommitter committer,
      Duration revokeGrace,
      Duration pollTimeout,
      LaneClock clock) {
    this.loop = loop;
    this.work = work;
    this.pauses = pauses;
    this.dependencyPauses = dependencyPauses;
    this.committer = committer;
    this.revokeGrace = revokeGrace;
    this.stepMillis = Math.min(pollTimeout.toMillis(), 50);
    this.clock = clock;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    work.assigned(partitions);
    dependencyPauses.assigned(work, partitions);
    loop.assignmentChanged();
    if (loop.stopRequested()) {
      pauses.stopFetching(work.partitions(), work.count());
    }
    if (!partitions.isEmpty()) {
      // Cooperative rebalances call this with nothing new; only a change is worth a line.
      log.info("partitions assigned lane={} partitions={}", loop.name(), partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    List<PartitionState> revoked = work.find(partitions);
    if (revoked.isEmpty()) {
      return;
    }
    // From now on workers skip these partitions' records that have not started: the next owner
    // runs them.
    revoked.forEach(PartitionState::revoke);
    if (!loop.halted() && !loop.closing()) {
      // Running tasks get a chance to finish, so their work is committed, not repeated.
      try {
        work.awaitUntil(
            () -> revoked.stream().allMatch(partition -> partition.outstanding() == 0),
            clock.nanoTime() + revokeGrace.toNanos(),
            stepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!loop.halted()) {
      committer.commitSync(revoked);
    }
    dependencyPauses.forget(revoked);
    work.forget(revoked);
    loop.assignmentChanged();
    log.info("partitions revoked lane={} partitions={}", loop.name(), partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    // Another member may own them already: commit nothing, drop their completions.
    List<PartitionState> lost = work.find(partitions);
    lost.forEach(PartitionState::revoke);
    dependencyPauses.forget(lost);
    work.forget(lost);
    loop.assignmentChanged();
    log.warn("partitions lost lane={} partitions={}", loop.name(), partitions);
  }
}
