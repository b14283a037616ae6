package dev.lanes.internal;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LaneState;
import dev.lanes.retry.ForwardRecords;
import dev.lanes.retry.RetryRouter;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane at work: a poll thread that alone owns the lane's KafkaConsumer, and a bounded pool of
 * worker threads (the bulkhead). The poll loop drains completions, adjusts backpressure, commits,
 * and polls its main topic and retry topics; records are handed to the pool in batches and come
 * back through a bounded queue. Failed records leave through the forwarder, and count as finished
 * only once the broker has them.
 */
public final class LaneWorker {

  private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);

  private final LaneConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final ThreadPoolExecutor pool;
  private final InFlightWork work;
  private final Dispatcher dispatcher;
  private final RetryGate retryGate;
  private final Forwarder forwarder;
  private final OffsetCommitter committer;
  private final PauseController pauses;
  private final LaneMetrics metrics;
  private final Thread pollThread;

  private volatile boolean stopRequested;
  private volatile boolean halted;
  private boolean closing;
  private volatile LaneState state = LaneState.CREATED;

  public LaneWorker(
      LaneConfig config,
      String bootstrapServers,
      Map<String, Object> consumerOverrides,
      Map<String, Object> producerOverrides,
      HandlerRegistry handlers,
      TaskCodec codec,
      MeterRegistry registry,
      String workerId) {
    this.config = config;
    Map<String, Object> consumerConfig =
        ConsumerSettings.forLane(config, bootstrapServers, consumerOverrides);
    int maxPollRecords = ConsumerSettings.maxPollRecords(consumerConfig);
    // Every record in flight is in at most one batch, and a poll overshoots the in-flight limit
    // by at most one poll's records: that bounds the pool's queue, so it can never reject. The
    // completion queue holds at most one batch and one forward per record: twice that.
    int capacity = config.maxInFlight() + maxPollRecords;
    BlockingQueue<Completion> completions = new ArrayBlockingQueue<>(2 * capacity);
    this.work =
        new InFlightWork(
            completions,
            Math.min(config.maxInFlightPerPartition(), 1024),
            Set.copyOf(config.retryTopics()));
    this.pool = LanePool.create(config.name(), config.concurrency(), capacity);
    this.metrics =
        new LaneMetrics(registry, config.name(), handlers.types(), config.retry().maxAttempts());
    this.consumer = new KafkaConsumer<>(consumerConfig);
    this.forwarder =
        new Forwarder(
            config.name(),
            new KafkaProducer<>(
                ProducerSettings.forLane(config, bootstrapServers, producerOverrides)),
            completions,
            metrics);
    TaskInvoker invoker =
        new TaskInvoker(
            config.name(),
            handlers,
            codec,
            metrics,
            new RetryRouter(config.retry(), () -> ThreadLocalRandom.current().nextDouble()),
            config.retryTopics(),
            config.deadLetterTopic());
    LaneExecution execution =
        new LaneExecution(
            invoker, pool, completions, forwarder, new ForwardRecords(config.groupId(), workerId));
    this.dispatcher = new Dispatcher(config.ordering(), config.concurrency(), execution);
    this.retryGate = new RetryGate(consumer);
    this.committer = new OffsetCommitter(config.name(), consumer, metrics, Duration.ofSeconds(30));
    this.pauses =
        new PauseController(
            config.name(), consumer, config.maxInFlight(), config.maxInFlightPerPartition());
    metrics.bindGauges(
        work::count, pauses::pausedCount, pauses::waitingCount, forwarder::pending, pool);
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
    forwarder.close(Duration.ZERO);
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
      List<String> topics = new ArrayList<>();
      topics.add(config.topic());
      // Retries come back through the same group and pool: the lane's bulkhead covers them too.
      topics.addAll(config.retryTopics());
      consumer.subscribe(
          topics,
          new LaneRebalanceListener(
              this, work, pauses, committer, config.revokeGrace(), config.pollTimeout()));
      long commitIntervalNanos = config.commitInterval().toNanos();
      long nextCommit = System.nanoTime() + commitIntervalNanos;
      while (!stopRequested) {
        work.drain();
        pauses.update(work.partitions(), work.count(), System.currentTimeMillis());
        if (System.nanoTime() - nextCommit >= 0) {
          committer.commitAsync(work.owned());
          nextCommit = System.nanoTime() + commitIntervalNanos;
        }
        pollOnce();
      }
      if (!halted) {
        state = LaneState.STOPPING;
        finishInFlight();
        committer.commitSync(work.partitions());
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
      timeout = Math.max(1, Math.min(timeout, wake - System.currentTimeMillis()));
    }
    return timeout;
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
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

  /** Graceful stop: no more fetching; wait for in-flight tasks up to the grace period. */
  private void finishInFlight() throws InterruptedException {
    pauses.stopFetching(work.partitions(), work.count());
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    long pollEvery = config.pollTimeout().toNanos();
    while (work.count() > 0 && System.nanoTime() - deadline < 0) {
      long next = System.nanoTime() + pollEvery;
      work.awaitUntil(() -> work.count() == 0, deadline - next < 0 ? deadline : next, 50);
      // Keep polling so a grace longer than max.poll.interval.ms does not get the member expelled
      // mid-shutdown. Every partition is paused: nothing new comes back to run.
      consumer.poll(Duration.ZERO);
    }
    if (work.count() > 0) {
      log.warn(
          "shutdown grace expired lane={} abandoned={} (they run again on the next owner)",
          config.name(),
          work.count());
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
    // In-flight forwards were waited for by a graceful stop; after a halt they are abandoned.
    forwarder.close(halted ? Duration.ZERO : Duration.ofSeconds(10));
    metrics.unbindGauges();
    log.info("lane stopped lane={} state={}", config.name(), state);
  }
}
