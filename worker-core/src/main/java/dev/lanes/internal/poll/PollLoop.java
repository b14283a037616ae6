package dev.lanes.internal.poll;

import dev.lanes.LaneConfig;
import dev.lanes.LaneState;
import dev.lanes.MetricNames;
import dev.lanes.internal.dependency.DependencyPauses;
import dev.lanes.internal.dispatch.Dispatcher;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.lane.LaneResources;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
import dev.lanes.internal.offsets.PartitionState;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a lane and the thread that alone polls it. A lane has one loop for its main topic
 * in the lane's group and one for its retry topics in the lane's retry group, both feeding the
 * lane's one pool: separate members, so the main topic's partitions spread evenly over workers
 * however the retry topics' do, and separate groups, so neither waits for the other to join (see
 * {@link ConsumerSettings}). The loop drains completions, adjusts backpressure, commits and polls;
 * records go to the pool in batches and come back through a bounded queue.
 */
public final class PollLoop {

  public static final String MAIN = "main";
  public static final String RETRY = "retry";

  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  private final LaneConfig config;
  private final String role;
  private final List<String> topics;
  private final Consumer<byte[], byte[]> consumer;
  private final InFlightWork work;
  private final Dispatcher dispatcher;
  private final RetryGate retryGate;
  private final OffsetCommitter committer;
  private final PauseController pauses;
  private final DependencyPauses dependencyPauses;
  private final KafkaClientMetrics clientMetrics;
  private final Thread pollThread;
  private final Runnable onStopped;
  private final StopBarrier stopBarrier;
  private final BeforeJoin beforeJoin;

  private final LaneClock clock;
  private volatile long lastPollNanos;
  private volatile boolean joined;
  private volatile int assignedPartitions;
  private final ConsumerLag lag;

  private volatile boolean stopRequested;
  private volatile boolean halted;
  private boolean closing;
  private volatile LaneState state = LaneState.CREATED;

  /**
   * @param role "main" or "retry", for thread names, client ids and logs
   * @param capacity the most records this loop can have in flight (its share of the pool queue)
   * @param onStopped called on the poll thread once the loop stopped and closed its consumer
   */
  public PollLoop(
      LaneConfig config,
      String role,
      List<String> topics,
      Map<String, Object> consumerConfig,
      int capacity,
      LaneResources lane,
      StopBarrier stopBarrier,
      BeforeJoin beforeJoin,
      Runnable onStopped,
      KafkaClients clients,
      LaneClock clock) {
    this.config = config;
    this.clock = clock;
    this.lastPollNanos = clock.nanoTime();
    this.role = role;
    this.topics = List.copyOf(topics);
    this.onStopped = onStopped;
    this.stopBarrier = stopBarrier;
    this.beforeJoin = beforeJoin;
    // The completion queue holds at most one batch and one forward per record in flight.
    BlockingQueue<Completion> completions = new ArrayBlockingQueue<>(2 * capacity);
    boolean holdsRetries = role.equals(RETRY);
    this.work =
        new InFlightWork(
            completions,
            Math.min(config.maxInFlightPerPartition(), 1024),
            holdsRetries ? Set.copyOf(topics) : Set.of(),
            clock.nanos());
    this.consumer = clients.consumer(consumerConfig);
    this.dispatcher =
        new Dispatcher(config.ordering(), config.concurrency(), lane.execution(completions));
    this.retryGate = new RetryGate(consumer);
    this.committer =
        new OffsetCommitter(config.name(), consumer, lane.metrics(), Duration.ofSeconds(30), clock);
    this.pauses =
        new PauseController(
            config.name(), consumer, config.maxInFlight(), config.maxInFlightPerPartition(), clock);
    this.dependencyPauses =
        new DependencyPauses(config.name(), consumer, lane.dependencies(), clock.nanos());
    this.clientMetrics =
        lane.metrics()
            .bindClient(
                new KafkaClientMetrics(
                    consumer,
                    Tags.of(MetricNames.TAG_LANE, config.name(), "loop", role),
                    lane.clientMetricsScheduler()));
    this.lag = new ConsumerLag(name(), clock.nanos());
    this.pollThread = new Thread(this::run, "lanes-" + config.name() + "-" + role + "-poll");
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
    return config.name() + "/" + role;
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
    clientMetrics.close();
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
      long commitIntervalNanos = config.commitInterval().toNanos();
      long nextCommit = clock.nanoTime() + commitIntervalNanos;
      while (!stopRequested) {
        work.drain();
        dependencyPauses.update(work);
        pauses.update(work.partitions(), work.count(), clock.nowMillis());
        if (clock.nanoTime() - nextCommit >= 0) {
          committer.commitAsync(work.owned());
          nextCommit = clock.nanoTime() + commitIntervalNanos;
        }
        pollOnce();
        lastPollNanos = clock.nanoTime();
        lag.measure(consumer, work.partitions());
      }
      if (!halted) {
        state = LaneState.STOPPING;
        finishInFlight();
        commitFinal();
        stopBarrier.arrive();
        awaitOtherLoops();
      }
      state = LaneState.STOPPED;
    } catch (Throwable e) {
      state = LaneState.FAILED;
      log.error("lane failed lane={} loop={} error=\"{}\"", config.name(), role, e.toString(), e);
    } finally {
      stopBarrier.arrive();
      close();
    }
  }

  /**
   * The last commit. The group may be rebalancing right now (the lane's other loop or another
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
  private void awaitOtherLoops() throws InterruptedException {
    long deadline = clock.nanoTime() + config.shutdownGrace().toNanos();
    Duration step = Duration.ofMillis(Math.min(50, config.pollTimeout().toMillis()));
    while (!halted && !stopBarrier.awaitAll(step) && clock.nanoTime() - deadline < 0) {
      consumer.poll(Duration.ZERO);
    }
  }

  private void pollOnce() throws InterruptedException {
    long timeout = pollTimeoutMillis();
    if (pauses.fetchingBlocked(work.partitions()) && work.count() > 0) {
      // Nothing may be fetched until tasks finish: wait for a completion rather than spin, then
      // poll without blocking to stay in the group and let rebalances run.
      work.awaitAny(timeout);
      dispatch(consumer.poll(Duration.ZERO));
    } else {
      dispatch(consumer.poll(Duration.ofMillis(timeout)));
    }
  }

  /** The configured poll timeout, or less when a waiting retry partition falls due sooner. */
  private long pollTimeoutMillis() {
    long timeout = config.pollTimeout().toMillis();
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
          role,
          work.count());
    }
    long leftUnstarted = work.leftUnstarted();
    if (leftUnstarted > 0) {
      log.info(
          "stop left polled tasks unstarted lane={} loop={} tasks={} (the next owner runs them)",
          config.name(),
          role,
          leftUnstarted);
    }
  }

  private void close() {
    closing = true;
    clientMetrics.close();
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(30)));
    } catch (RuntimeException e) {
      log.warn(
          "consumer close failed lane={} loop={} error=\"{}\"", config.name(), role, e.toString());
    }
    log.info("loop stopped lane={} loop={} state={}", config.name(), role, state);
    onStopped.run();
  }
}
