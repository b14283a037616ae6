package dev.lanes.internal.poll;

import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.PartitionState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which partitions fetch. Backpressure pauses a partition whose uncommitted window is full,
 * or every partition when the lane holds too many unfinished tasks, and resumes when they drain
 * below half; a retry partition whose head record is not due waits, paused, until it is. The poll
 * loop keeps polling while paused, so the member never exceeds {@code max.poll.interval.ms}. Poll
 * thread only.
 */
final class PauseController {

  private static final Logger log = LoggerFactory.getLogger(PauseController.class);

  private final String laneName;
  private final Consumer<byte[], byte[]> consumer;
  private final int maxInFlight;
  private final int maxWindow;
  private final LaneClock clock;
  private final BooleanSupplier yieldedToZero;
  private final List<TopicPartition> toPause = new ArrayList<>();
  private final List<TopicPartition> toResume = new ArrayList<>();
  private boolean laneFull;
  private boolean stopping;
  private volatile int pausedCount;
  private volatile int waitingCount;
  private int windowFullCount;
  private long nextWakeMillis;

  PauseController(
      String laneName,
      Consumer<byte[], byte[]> consumer,
      int maxInFlight,
      int maxWindow,
      LaneClock clock,
      BooleanSupplier yieldedToZero) {
    this.laneName = laneName;
    this.consumer = consumer;
    this.maxInFlight = maxInFlight;
    this.maxWindow = maxWindow;
    this.clock = clock;
    this.yieldedToZero = yieldedToZero;
  }

  /** Brings every partition's pause state in line with the current load. */
  void update(Collection<PartitionState> partitions, int inFlight, long nowMillis) {
    boolean wasFull = laneFull;
    if (!laneFull && inFlight >= maxInFlight) {
      laneFull = true;
    } else if (laneFull && inFlight <= maxInFlight / 2) {
      laneFull = false;
    }
    if (wasFull != laneFull) {
      log.debug("lane backpressure lane={} full={} inFlight={}", laneName, laneFull, inFlight);
    }
    // A lane yielding with no task to run pauses, so its lag grows instead of its in-flight work.
    boolean yielded = yieldedToZero.getAsBoolean();
    int paused = 0;
    int waiting = 0;
    int windowsFull = 0;
    long nextWake = 0;
    for (PartitionState partition : partitions) {
      boolean waits = partition.isWaiting(nowMillis);
      if (waits) {
        waiting++;
        long due = partition.waitingUntil();
        nextWake = nextWake == 0 ? due : Math.min(nextWake, due);
      }
      boolean windowFull = partition.windowFull(maxWindow);
      if (windowFull) {
        windowsFull++;
      }
      boolean shouldPause =
          stopping || laneFull || yielded || windowFull || waits || partition.isBlocked();
      if (shouldPause != partition.isPaused()) {
        (shouldPause ? toPause : toResume).add(partition.topicPartition());
        partition.paused(shouldPause);
      }
      if (shouldPause) {
        paused++;
      }
    }
    apply();
    pausedCount = paused;
    waitingCount = waiting;
    windowFullCount = windowsFull;
    nextWakeMillis = nextWake;
  }

  /**
   * Partitions paused because their uncommitted window is full: finishing tasks resumes them, which
   * the loop only notices between polls.
   */
  int windowFullCount() {
    return windowFullCount;
  }

  /** When the earliest waiting retry partition is due (epoch ms), or 0 when none waits. */
  long nextWakeMillis() {
    return nextWakeMillis;
  }

  /** Retry partitions paused until their head record is due. */
  int waitingCount() {
    return waitingCount;
  }

  /** Stops fetching for good: from now on every partition, even newly assigned ones, is paused. */
  void stopFetching(Collection<PartitionState> partitions, int inFlight) {
    stopping = true;
    update(partitions, inFlight, clock.nowMillis());
  }

  /** True when no owned partition may fetch, so polling can only wait for completions. */
  boolean fetchingBlocked(Collection<PartitionState> partitions) {
    return !partitions.isEmpty() && pausedCount == partitions.size();
  }

  int pausedCount() {
    return pausedCount;
  }

  /**
   * While the lane is full, the in-flight count at or below which it fetches again; otherwise
   * {@code inFlight - 1}, as any finished batch may free a partition's window.
   */
  int resumeBelowOrAt(int inFlight) {
    return laneFull ? maxInFlight / 2 : inFlight - 1;
  }

  private void apply() {
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
      log.debug("partitions paused lane={} partitions={}", laneName, toPause);
      toPause.clear();
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
      log.debug("partitions resumed lane={} partitions={}", laneName, toResume);
      toResume.clear();
    }
  }
}
