package dev.lanes.internal.poll;

import dev.lanes.LaneConfig;
import dev.lanes.LaneState;
import dev.lanes.internal.dependency.DependencyPauses;
import dev.lanes.internal.dispatch.Dispatcher;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
import dev.lanes.internal.offsets.PartitionState;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a lane and the thread that alone polls it. A lane has {@link
 * LaneConfig#pollers()} loops for its main topic in the lane's group (separate members, among which
 * the group splits the partitions) and one for its retry topics in the lane's retry group, all
 * feeding the lane's one pool: separate members, so the main topic's partitions spread evenly over
 * workers however the retry topics' do, and separate groups, so neither waits for the other to join
 * (see {@link ConsumerSettings}). The loop drains completions, adjusts backpressure, commits and
 * polls; records go to the pool in batches and come back through a bounded queue.
 */
public final class PollLoop {

  public static final String MAIN = "main";
  public static final String RETRY = "retry";

  /** How often a loop with a partition paused on its full window looks whether it drained. */
  static final long WINDOW_RECHECK_MILLIS = 2;

  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  private final LaneConfig config;
  private final String id;
  private final List<String> topics;
  private final Consumer<byte[], byte[]> consumer;
  private final InFlightWork work;
  private final Dispatcher dispatcher;
  private final RetryGate retryGate;
  private final OffsetCommitter committer;
  private final PauseController pauses;
  private final DependencyPauses dependencyPauses;
  private final ConsumerLag lag;
  private final Runnable releaseClientMetrics;
  private final StopBarrier stopBarrier;
  private final BeforeJoin beforeJoin;
  private final Runnable onStopped;
  private final LaneClock clock;
  private final LoopDrain drain;
  private final Thread pollThread;

  private volatile long lastPollNanos;
  private volatile boolean joined;
  private volatile int assignedPartitions;
  // For the fleet report: renewed with the lag, on assignment changes and when pauses change.
  private volatile PartitionSnapshot partitionSnapshot = PartitionSnapshot.EMPTY;
  private long nextSnapshotNanos;
  private int pausedAtSnapshot;
  private long nextCommitNanos;
  private final IdleWarning idleWarning = new IdleWarning();

  private volatile boolean stopRequested;
  private volatile boolean halted;
  private boolean closing;
  private volatile LaneState state = LaneState.CREATED;

  /**
   * Built by {@link PollLoopFactory}, which makes the consumer and wires the parts.
   *
   * @param id the loop's name in its lane, for thread names, client ids, logs and metric tags:
   *     {@link #mainId main-1}, main-2, ... or {@link #RETRY retry}
   */
  PollLoop(
      LaneConfig config,
      String id,
      List<String> topics,
      LoopParts parts,
      StopBarrier stopBarrier,
      BeforeJoin beforeJoin,
      Runnable onStopped,
      LaneClock clock) {
    this.config = config;
    this.id = id;
    this.topics = List.copyOf(topics);
    this.consumer = parts.consumer();
    this.work = parts.work();
    this.dispatcher = parts.dispatcher();
    this.retryGate = parts.retryGate();
    this.committer = parts.committer();
    this.pauses = parts.pauses();
    this.dependencyPauses = parts.dependencyPauses();
    this.lag = parts.lag();
    this.releaseClientMetrics = parts.releaseClientMetrics();
    this.stopBarrier = stopBarrier;
    this.beforeJoin = beforeJoin;
    this.onStopped = onStopped;
    this.clock = clock;
    this.lastPollNanos = clock.nanoTime();
    this.drain = parts.drain();
    this.pollThread = new Thread(this::run, "lanes-" + config.name() + "-" + id + "-poll");
  }

  /** The id of the lane's main-topic loop {@code number}, counted from 1. */
  public static String mainId(int number) {
    return MAIN + "-" + number;
  }

  /** What a loop does with its consumer on its poll thread before it joins its group. */
  @FunctionalInterface
  public interface BeforeJoin {
    BeforeJoin NOTHING = consumer -> {};

    void prepare(Consumer<byte[], byte[]> consumer);
  }

  public long nanosSinceLastPoll() {
    return clock.nanoTime() - lastPollNanos;
  }

  public boolean joined() {
    return joined;
  }

  /** Called by the rebalance listener: the loop has (had) an assignment. */
  void assignmentChanged() {
    joined = true;
    assignedPartitions = work.partitions().size();
    snapshotPartitions();
    if (idleWarning.assigned(assignedPartitions, clock.nanoTime())) {
      log.info(
          "loop got partitions lane={} loop={} partitions={}",
          config.name(),
          id,
          assignedPartitions);
    }
  }

  public int assignedPartitions() {
    return assignedPartitions;
  }

  public long lag() {
    return lag.total();
  }

  public long lagExcludingPaused() {
    return lag.excludingPaused();
  }

  /** Age of the oldest unfinished record of the loop's partitions, in ms, as last measured. */
  public long oldestUnfinishedAgeMillis() {
    return lag.oldestUnfinishedAgeMillis();
  }

  public int inFlight() {
    return work.count();
  }

  public int pausedPartitions() {
    return pauses.pausedCount();
  }

  public int waitingPartitions() {
    return pauses.waitingCount();
  }

  String name() {
    return config.name() + "/" + id;
  }

  public LaneState state() {
    return state;
  }

  public void start() {
    state = LaneState.RUNNING;
    pollThread.start();
  }

  /** Releases a loop that was never started. */
  public void discard() {
    releaseClientMetrics.run();
    consumer.close(CloseOptions.timeout(Duration.ZERO));
    state = LaneState.STOPPED;
  }

  /** Stop fetching, finish in-flight work within the grace, commit. */
  public void requestStop() {
    stopRequested = true;
  }

  /** Stop as a crash would: commit nothing more, abandon in-flight work, leave the group. */
  public void halt() {
    halted = true;
    stopRequested = true;
  }

  /** Waits for the loop to stop; returns false when it did not within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    pollThread.join(Math.max(1, timeout.toMillis()));
    return !pollThread.isAlive();
  }

  boolean stopRequested() {
    return stopRequested;
  }

  boolean halted() {
    return halted;
  }

  /** True while the consumer closes: revoked partitions are committed, not waited for. */
  boolean closing() {
    return closing;
  }

  private void run() {
    try {
      join();
      while (!stopRequested) {
        runOnce();
      }
      if (!halted) {
        state = LaneState.STOPPING;
        drain.run(this::halted);
      }
      state = LaneState.STOPPED;
    } catch (Throwable e) {
      state = LaneState.FAILED;
      log.error("lane failed lane={} loop={} error=\"{}\"", config.name(), id, e.toString(), e);
    } finally {
      stopBarrier.arrive();
      close();
    }
  }

  /** Prepares the consumer and subscribes; partitions arrive through the rebalance listener. */
  void join() {
    beforeJoin.prepare(consumer);
    consumer.subscribe(
        topics,
        new LaneRebalanceListener(
            this,
            work,
            pauses,
            dependencyPauses,
            committer,
            config.revokeGrace(),
            config.pollTimeout(),
            clock));
    nextCommitNanos = clock.nanoTime() + config.commitInterval().toNanos();
  }

  /**
   * One turn of the loop: hand back completions, adjust pauses, commit when the interval passed,
   * poll and dispatch, measure lag. Package-visible so unit tests drive the loop turn by turn.
   */
  void runOnce() throws InterruptedException {
    work.drain();
    dependencyPauses.update(work);
    pauses.update(work.partitions(), work.count(), clock.nowMillis());
    if (clock.nanoTime() - nextCommitNanos >= 0) {
      committer.commitAsync(work.owned());
      nextCommitNanos = clock.nanoTime() + config.commitInterval().toNanos();
    }
    pollOnce();
    lastPollNanos = clock.nanoTime();
    lag.measure(consumer, work.partitions());
    if (clock.nanoTime() - nextSnapshotNanos >= 0 || pauses.pausedCount() != pausedAtSnapshot) {
      snapshotPartitions();
    }
    warnIfIdle();
  }

  /** The loop's partitions and their pauses as of the last second or the last change. */
  public PartitionSnapshot partitionSnapshot() {
    return partitionSnapshot;
  }

  private void snapshotPartitions() {
    partitionSnapshot = PartitionSnapshot.of(work.partitions());
    pausedAtSnapshot = pauses.pausedCount();
    nextSnapshotNanos = clock.nanoTime() + ConsumerLag.REFRESH.toNanos();
  }

  /** A main-topic loop left without a partition says so: the lane runs more loops than needed. */
  private void warnIfIdle() {
    if (!id.equals(RETRY) && idleWarning.due(clock.nanoTime())) {
      log.warn(
          "loop has no partition lane={} loop={} pollers={} idle_for={}s (the lane's group has"
              + " more main-topic loops than partitions; this one idles until a rebalance gives it"
              + " one)",
          config.name(),
          id,
          config.pollers(),
          IdleWarning.AFTER.toSeconds());
    }
  }

  private void pollOnce() throws InterruptedException {
    long timeout = pollTimeoutMillis();
    if (pauses.fetchingBlocked(work.partitions()) && work.count() > 0) {
      // Nothing may be fetched until tasks finish: wait for the completions that let fetching
      // resume rather than spin, then poll without blocking to stay in the group and let
      // rebalances run. A full lane waits for enough of them: waking the loop for each finished
      // batch (a turn and a poll each) cost a third of a core at a million records a second.
      work.awaitCountAtMost(pauses.resumeBelowOrAt(work.count()), timeout);
      dispatch(consumer.poll(Duration.ZERO));
    } else {
      dispatch(consumer.poll(Duration.ofMillis(timeout)));
    }
  }

  /** The configured poll timeout, or less when a waiting retry partition falls due sooner. */
  private long pollTimeoutMillis() {
    long timeout = config.pollTimeout().toMillis();
    if (pauses.windowFullCount() > 0 && work.count() > 0) {
      // A partition waits for its window to drain, which only a turn of the loop sees: a poll
      // that blocks for the other partitions' data would leave it paused (and, when its backlog
      // is what keeps the workers busy, them idle) for the whole timeout.
      timeout = Math.min(timeout, WINDOW_RECHECK_MILLIS);
    }
    long wake = pauses.nextWakeMillis();
    if (wake != 0) {
      timeout = Math.max(1, Math.min(timeout, wake - clock.nowMillis()));
    }
    return timeout;
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    long now = clock.nowMillis();
    for (TopicPartition topicPartition : records.partitions()) {
      PartitionState partition = work.partition(topicPartition);
      if (partition == null) {
        // Not ours (anymore): untracked records are never committed, so nothing is lost.
        continue;
      }
      List<ConsumerRecord<byte[], byte[]>> polled = records.records(topicPartition);
      if (partition.holdsRetries()) {
        polled = retryGate.due(partition, polled, now);
      }
      if (!polled.isEmpty()) {
        work.dispatched(dispatcher.dispatch(partition, polled));
      }
    }
  }

  private void close() {
    closing = true;
    releaseClientMetrics.run();
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(30)));
    } catch (RuntimeException e) {
      log.warn(
          "consumer close failed lane={} loop={} error=\"{}\"", config.name(), id, e.toString());
    }
    log.info("loop stopped lane={} loop={} state={}", config.name(), id, state);
    onStopped.run();
  }
}
