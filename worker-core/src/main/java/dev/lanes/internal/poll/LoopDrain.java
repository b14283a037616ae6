package dev.lanes.internal.poll;

import dev.lanes.LaneConfig;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll loop's graceful stop, on its poll thread: stop fetching, let in-flight work finish within
 * the grace, commit, and stay in the group until the lane's other loops committed too.
 */
final class LoopDrain {

  private static final Logger log = LoggerFactory.getLogger(LoopDrain.class);

  private final LaneConfig config;
  private final String loopId;
  private final Consumer<byte[], byte[]> consumer;
  private final InFlightWork work;
  private final PauseController pauses;
  private final OffsetCommitter committer;
  private final StopBarrier stopBarrier;
  private final LaneClock clock;

  LoopDrain(
      LaneConfig config,
      String loopId,
      Consumer<byte[], byte[]> consumer,
      InFlightWork work,
      PauseController pauses,
      OffsetCommitter committer,
      StopBarrier stopBarrier,
      LaneClock clock) {
    this.config = config;
    this.loopId = loopId;
    this.consumer = consumer;
    this.work = work;
    this.pauses = pauses;
    this.committer = committer;
    this.stopBarrier = stopBarrier;
    this.clock = clock;
  }

  /** Drains and commits; {@code halted} cuts the wait for the other loops short. */
  void run(BooleanSupplier halted) throws InterruptedException {
    finishInFlight();
    commitFinal();
    stopBarrier.arrive();
    awaitOtherLoops(halted);
  }

  /**
   * The last commit. The group may be rebalancing right now (another loop of the lane or another
   * worker joining): then complete the rebalance, every partition still paused, and commit again.
   * Partitions the rebalance takes away are committed by the revoke callback.
   */
  private void commitFinal() {
    long deadline = clock.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!committer.commitSync(work.partitions()) && clock.nanoTime() - deadline < 0) {
      consumer.poll(config.pollTimeout());
    }
  }

  /** Stays in the group, polling with every partition paused, until the lane's loops committed. */
  private void awaitOtherLoops(BooleanSupplier halted) throws InterruptedException {
    long deadline = clock.nanoTime() + config.shutdownGrace().toNanos();
    Duration step = Duration.ofMillis(Math.min(50, config.pollTimeout().toMillis()));
    while (!halted.getAsBoolean()
        && !stopBarrier.awaitAll(step)
        && clock.nanoTime() - deadline < 0) {
      consumer.poll(Duration.ZERO);
    }
  }

  /**
   * Graceful stop: no more fetching, no batch starts above what already started; wait for the rest
   * up to the grace period.
   */
  private void finishInFlight() throws InterruptedException {
    pauses.stopFetching(work.partitions(), work.count());
    work.closeStartGates();
    long deadline = clock.nanoTime() + config.shutdownGrace().toNanos();
    long pollEvery = config.pollTimeout().toNanos();
    while (work.count() > 0 && clock.nanoTime() - deadline < 0) {
      long next = clock.nanoTime() + pollEvery;
      work.awaitUntil(() -> work.count() == 0, deadline - next < 0 ? deadline : next, 50);
      // Keep polling so a grace longer than max.poll.interval.ms does not get the member expelled
      // mid-shutdown. Every partition is paused: nothing new comes back to run.
      consumer.poll(Duration.ZERO);
    }
    if (work.count() > 0) {
      log.warn(
          "shutdown grace expired lane={} loop={} abandoned={} (they run again on the next owner)",
          config.name(),
          loopId,
          work.count());
    }
    long leftUnstarted = work.leftUnstarted();
    if (leftUnstarted > 0) {
      log.info(
          "stop left polled tasks unstarted lane={} loop={} tasks={} (the next owner runs them)",
          config.name(),
          loopId,
          leftUnstarted);
    }
  }
}
