package dev.lanes.internal;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LaneState;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane at work: a poll thread that alone owns the lane's KafkaConsumer, and a bounded pool of
 * worker threads (the bulkhead). The poll loop drains completions, adjusts backpressure, commits,
 * and polls; records are handed to the pool in batches and come back through a bounded queue.
 */
public final class LaneWorker {

  private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);

  private final LaneConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final ThreadPoolExecutor pool;
  private final BlockingQueue<TaskBatch> completions;
  private final Map<TopicPartition, PartitionState> owned = new HashMap<>();
  private final Dispatcher dispatcher;
  private final OffsetCommitter committer;
  private final PauseController pauses;
  private final LaneMetrics metrics;
  private final int initialWindow;
  private final Thread pollThread;
  private final List<TaskBatch> drained = new ArrayList<>();

  private volatile boolean stopRequested;
  private volatile boolean halted;
  private boolean closing;
  private volatile LaneState state = LaneState.CREATED;
  private volatile int inFlight;

  public LaneWorker(
      LaneConfig config,
      String bootstrapServers,
      Map<String, Object> consumerOverrides,
      HandlerRegistry handlers,
      TaskCodec codec,
      MeterRegistry registry) {
    this.config = config;
    Map<String, Object> consumerConfig =
        ConsumerSettings.forLane(config, bootstrapServers, consumerOverrides);
    int maxPollRecords = ConsumerSettings.maxPollRecords(consumerConfig);
    // Every record in flight is in at most one batch, and a poll overshoots the in-flight limit
    // by at most one poll's records: that bounds both queues, so neither can ever reject.
    int capacity = config.maxInFlight() + maxPollRecords;
    this.completions = new ArrayBlockingQueue<>(capacity);
    this.pool = LanePool.create(config.name(), config.concurrency(), capacity);
    this.metrics = new LaneMetrics(registry, config.name(), handlers.types());
    this.consumer = new KafkaConsumer<>(consumerConfig);
    LaneExecution execution =
        new LaneExecution(
            new TaskInvoker(config.name(), handlers, codec, metrics), pool, completions);
    this.dispatcher = new Dispatcher(config.ordering(), config.concurrency(), execution);
    this.committer = new OffsetCommitter(config.name(), consumer, metrics, Duration.ofSeconds(30));
    this.pauses =
        new PauseController(
            config.name(), consumer, config.maxInFlight(), config.maxInFlightPerPartition());
    this.initialWindow = Math.min(config.maxInFlightPerPartition(), 1024);
    metrics.bindGauges(config.name(), () -> inFlight, pauses::pausedCount, pool);
    this.pollThread = new Thread(this::run, "lanes-" + config.name() + "-poll");
  }

  public String name() {
    return config.name();
  }

  public LaneState state() {
    return state;
  }

  public void start() {
    state = LaneState.RUNNING;
    pollThread.start();
  }

  /** Releases a lane that was never started. */
  public void discard() {
    if (state != LaneState.CREATED) {
      throw new IllegalStateException("lane " + config.name() + " was started; stop it instead");
    }
    consumer.close(CloseOptions.timeout(Duration.ZERO));
    pool.shutdownNow();
    metrics.unbindGauges();
    state = LaneState.STOPPED;
  }

  /**
   * Asks the lane to stop: it stops fetching, finishes in-flight work within the grace, commits.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /**
   * Stops like a crash would as far as offsets go: nothing more is committed, in-flight work is
   * abandoned, and the group sees the member leave. For tests of at-least-once delivery.
   */
  public void halt() {
    halted = true;
    stopRequested = true;
  }

  /** Waits for the lane to stop; returns false when it did not within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    pollThread.join(Math.max(1, timeout.toMillis()));
    return !pollThread.isAlive();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(config.topic()), new RebalanceListener());
      long commitIntervalNanos = config.commitInterval().toNanos();
      long nextCommit = System.nanoTime() + commitIntervalNanos;
      while (!stopRequested) {
        drainCompletions();
        pauses.update(owned.values(), inFlight);
        if (System.nanoTime() - nextCommit >= 0) {
          committer.commitAsync(owned);
          nextCommit = System.nanoTime() + commitIntervalNanos;
        }
        pollOnce();
      }
      if (!halted) {
        state = LaneState.STOPPING;
        finishInFlight();
        committer.commitSync(owned.values());
      }
      state = LaneState.STOPPED;
    } catch (Throwable e) {
      state = LaneState.FAILED;
      log.error("lane failed lane={} error=\"{}\"", config.name(), e.toString(), e);
    } finally {
      close();
    }
  }

  private void pollOnce() throws InterruptedException {
    if (pauses.fetchingBlocked(owned.values()) && inFlight > 0) {
      // Nothing may be fetched until tasks finish: wait for a completion rather than spin, then
      // poll without blocking to stay in the group and let rebalances run.
      TaskBatch finished = completions.poll(config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (finished != null) {
        handBack(finished);
      }
      dispatch(consumer.poll(Duration.ZERO));
    } else {
      dispatch(consumer.poll(config.pollTimeout()));
    }
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    for (TopicPartition topicPartition : records.partitions()) {
      PartitionState partition = owned.get(topicPartition);
      List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(topicPartition);
      if (partition == null) {
        // Not ours (anymore): untracked records are never committed, so nothing is lost.
        continue;
      }
      inFlight += dispatcher.dispatch(partition, partitionRecords);
    }
  }

  private void drainCompletions() {
    completions.drainTo(drained);
    for (TaskBatch batch : drained) {
      handBack(batch);
    }
    drained.clear();
  }

  private void handBack(TaskBatch batch) {
    inFlight -= batch.size();
    PartitionState partition = batch.partition();
    partition.handedBack(batch.size());
    // A completion for a partition revoked or lost meanwhile is dropped: its new owner decides.
    if (owned.get(partition.topicPartition()) == partition) {
      batch.finishHandledOffsets();
    }
  }

  /** Graceful stop: no more fetching; wait for in-flight tasks up to the grace period. */
  private void finishInFlight() throws InterruptedException {
    pauses.stopFetching(owned.values(), inFlight);
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    long pollEvery = config.pollTimeout().toNanos();
    while (inFlight > 0 && System.nanoTime() - deadline < 0) {
      long next = System.nanoTime() + pollEvery;
      awaitInFlight(() -> inFlight == 0, deadline - next < 0 ? deadline : next);
      // Keep polling so a grace longer than max.poll.interval.ms does not get the member expelled
      // mid-shutdown. Every partition is paused: nothing new comes back to run.
      consumer.poll(Duration.ZERO);
    }
    if (inFlight > 0) {
      log.warn(
          "shutdown grace expired lane={} abandoned={} (they run again on the next owner)",
          config.name(),
          inFlight);
    }
  }

  /**
   * Drains completions until {@code done} holds or the deadline passes. It does not poll: it also
   * runs inside rebalance callbacks, where polling is not allowed.
   */
  private void awaitInFlight(Condition done, long deadlineNanos) throws InterruptedException {
    long wait = Math.min(config.pollTimeout().toMillis(), 50);
    while (!done.holds() && System.nanoTime() - deadlineNanos < 0) {
      TaskBatch finished = completions.poll(wait, TimeUnit.MILLISECONDS);
      if (finished != null) {
        handBack(finished);
        drainCompletions();
      }
    }
  }

  private void close() {
    closing = true;
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(30)));
    } catch (RuntimeException e) {
      log.warn("consumer close failed lane={} error=\"{}\"", config.name(), e.toString());
    }
    pool.shutdownNow();
    metrics.unbindGauges();
    log.info("lane stopped lane={} state={}", config.name(), state);
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds();
  }

  /** Runs on the poll thread, inside poll() and close(). */
  private final class RebalanceListener implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition topicPartition : partitions) {
        owned.putIfAbsent(topicPartition, new PartitionState(topicPartition, initialWindow));
      }
      if (stopRequested) {
        pauses.stopFetching(owned.values(), inFlight);
      }
      if (!partitions.isEmpty()) {
        // Cooperative rebalances call this with nothing new; only a change is worth a line.
        log.info("partitions assigned lane={} partitions={}", config.name(), partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<PartitionState> revoked = take(partitions);
      if (revoked.isEmpty()) {
        return;
      }
      if (!halted && !closing) {
        // Give running tasks of these partitions a chance to finish so their work is committed
        // and not repeated by the next owner; tasks not started are skipped and left to it.
        revoked.forEach(PartitionState::revoke);
        try {
          awaitInFlight(
              () -> revoked.stream().allMatch(partition -> partition.outstanding() == 0),
              System.nanoTime() + config.revokeGrace().toNanos());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!halted) {
        committer.commitSync(revoked);
      }
      revoked.forEach(partition -> owned.remove(partition.topicPartition()));
      log.info("partitions revoked lane={} partitions={}", config.name(), partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Another member may own them already: commit nothing, drop their completions.
      for (PartitionState partition : take(partitions)) {
        partition.revoke();
        owned.remove(partition.topicPartition());
      }
      log.warn("partitions lost lane={} partitions={}", config.name(), partitions);
    }

    private List<PartitionState> take(Collection<TopicPartition> partitions) {
      List<PartitionState> states = new ArrayList<>();
      for (TopicPartition topicPartition : partitions) {
        PartitionState partition = owned.get(topicPartition);
        if (partition != null) {
          states.add(partition);
        }
      }
      return states;
    }
  }
}
