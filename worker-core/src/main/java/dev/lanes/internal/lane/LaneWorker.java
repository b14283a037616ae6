package dev.lanes.internal.lane;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LaneHealth;
import dev.lanes.LaneState;
import dev.lanes.MetricNames;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.dispatch.LanePool;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.forward.ProducerSettings;
import dev.lanes.internal.forward.ResendTimer;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.poll.ConsumerSettings;
import dev.lanes.internal.poll.PollLoop;
import dev.lanes.internal.poll.RetryGroupSeed;
import dev.lanes.internal.poll.StopBarrier;
import dev.lanes.retry.RetryRouter;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane at work: its bounded pool of worker threads (the bulkhead), a poll loop for its main
 * topic (in the lane's group) and one for its retry topics (in the retry group) feeding that pool,
 * and the producer that forwards failed records to retry and dead-letter topics. Failed records
 * count as finished only once the broker has them.
 */
public final class LaneWorker {

  private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);

  private final LaneConfig config;
  private final ThreadPoolExecutor pool;
  private final Forwarder forwarder;
  private final LaneMetrics metrics;
  // Refreshes the Kafka clients' metric lists for Micrometer; one daemon thread per lane.
  private final ScheduledExecutorService clientMetricsScheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "lanes-client-metrics");
            thread.setDaemon(true);
            return thread;
          });
  private final KafkaClientMetrics producerMetrics;
  private final List<PollLoop> loops = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean halted;

  public LaneWorker(
      LaneConfig config,
      String bootstrapServers,
      Map<String, Object> consumerOverrides,
      Map<String, Object> producerOverrides,
      HandlerRegistry handlers,
      TaskCodec codec,
      MeterRegistry registry,
      String workerId,
      DependencyRegistry dependencies,
      KafkaClients clients,
      LaneClock clock) {
    this.config = config;
    Map<String, Object> consumerConfig =
        ConsumerSettings.forLane(config, bootstrapServers, consumerOverrides);
    // Every record in flight is in at most one batch, and a poll overshoots a loop's in-flight
    // limit by at most one poll's records: that bounds the pool's queue, so it never rejects.
    int capacity = config.maxInFlight() + ConsumerSettings.maxPollRecords(consumerConfig);
    boolean retries = !config.retryTopics().isEmpty();
    this.pool = LanePool.create(config.name(), config.concurrency(), (retries ? 2 : 1) * capacity);
    this.metrics =
        new LaneMetrics(registry, config.name(), handlers.types(), config.retry().maxAttempts());
    Producer<byte[], byte[]> producer =
        clients.producer(ProducerSettings.forLane(config, bootstrapServers, producerOverrides));
    this.producerMetrics =
        metrics.bindClient(
            new KafkaClientMetrics(
                producer, Tags.of(MetricNames.TAG_LANE, config.name()), clientMetricsScheduler));
    this.forwarder =
        new Forwarder(config.name(), producer, metrics, ResendTimer.daemonThread(config.name()));
    TaskInvoker invoker =
        new TaskInvoker(
            config.name(),
            handlers,
            codec,
            metrics,
            new RetryRouter(
                config.retry(), config.topic(), () -> ThreadLocalRandom.current().nextDouble()),
            dependencies);
    LaneResources resources =
        new LaneResources(
            pool,
            invoker,
            forwarder,
            new ForwardRecords(config.groupId(), workerId),
            metrics,
            dependencies,
            clientMetricsScheduler);
    StopBarrier stopBarrier = new StopBarrier(retries ? 2 : 1);
    try {
      loops.add(
          new PollLoop(
              config,
              PollLoop.MAIN,
              List.of(config.topic()),
              ConsumerSettings.inGroup(consumerConfig, config.groupId(), PollLoop.MAIN),
              capacity,
              resources,
              stopBarrier,
              PollLoop.BeforeJoin.NOTHING,
              this::loopStopped,
              clients,
              clock));
      if (retries) {
        loops.add(
            new PollLoop(
                config,
                PollLoop.RETRY,
                config.retryTopics(),
                ConsumerSettings.inGroup(consumerConfig, config.retryGroupId(), PollLoop.RETRY),
                capacity,
                resources,
                stopBarrier,
                retryGroupSeed(consumerConfig, clients)::seed,
                this::loopStopped,
                clients,
                clock));
      }
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
    metrics.bindLag(sumLong(PollLoop::lag), sumLong(PollLoop::lagExcludingPaused));
    metrics.bindGauges(
        sum(PollLoop::inFlight),
        sum(PollLoop::pausedPartitions),
        sum(PollLoop::waitingPartitions),
        forwarder::pending,
        pool);
  }

  public String name() {
    return config.name();
  }

  /** The lane's state: FAILED if any loop failed, otherwise the least advanced loop's. */
  public LaneState state() {
    LaneState state = LaneState.STOPPED;
    for (PollLoop loop : loops) {
      LaneState each = loop.state();
      if (each == LaneState.FAILED) {
        return LaneState.FAILED;
      }
      if (each.ordinal() < state.ordinal()) {
        state = each;
      }
    }
    return state;
  }

  /** A snapshot for health endpoints; safe from any thread. */
  public LaneHealth health() {
    long sincePoll = 0;
    boolean joined = true;
    int assigned = 0;
    long lag = 0;
    long lagActive = 0;
    int inFlight = 0;
    for (PollLoop loop : loops) {
      sincePoll = Math.max(sincePoll, loop.nanosSinceLastPoll() / 1_000_000);
      joined &= loop.joined();
      assigned += loop.assignedPartitions();
      lag += loop.lag();
      lagActive += loop.lagExcludingPaused();
      inFlight += loop.inFlight();
    }
    return new LaneHealth(
        config.name(), state(), sincePoll, joined, assigned, lag, lagActive, inFlight);
  }

  public void start() {
    running.set(loops.size());
    loops.forEach(PollLoop::start);
  }

  /** Releases a lane that was never started. */
  public void discard() {
    loops.forEach(PollLoop::discard);
    closeShared();
  }

  /**
   * Asks the lane to stop: it stops fetching, finishes in-flight work within the grace, commits.
   */
  public void requestStop() {
    loops.forEach(PollLoop::requestStop);
  }

  /**
   * Stops like a crash would as far as offsets go: nothing more is committed, in-flight work is
   * abandoned, and the group sees the member leave. For tests of at-least-once delivery.
   */
  public void halt() {
    halted = true;
    loops.forEach(PollLoop::halt);
  }

  /** Waits for the lane to stop; returns false when it did not within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (PollLoop loop : loops) {
      if (!loop.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  /** The last loop to stop releases what the loops shared. */
  private void loopStopped() {
    if (running.decrementAndGet() == 0) {
      closeShared();
      log.info("lane stopped lane={} state={}", config.name(), state());
    }
  }

  private void closeShared() {
    pool.shutdownNow();
    producerMetrics.close();
    clientMetricsScheduler.shutdownNow();
    // A graceful stop waited for in-flight forwards; after a halt they are abandoned.
    forwarder.close(halted ? Duration.ZERO : Duration.ofSeconds(10));
    metrics.unbindGauges();
  }

  /** Reads the lane group's offsets of retry topics, which retry loops committed there before. */
  private RetryGroupSeed retryGroupSeed(Map<String, Object> consumerConfig, KafkaClients clients) {
    Map<String, Object> reader =
        ConsumerSettings.inGroup(consumerConfig, config.groupId(), "retry-seed");
    return new RetryGroupSeed(
        config.name(),
        config.groupId(),
        config.retryTopics(),
        () -> clients.consumer(reader),
        Duration.ofSeconds(30));
  }

  private LongSupplier sumLong(ToLongFunction<PollLoop> measure) {
    return () -> {
      long total = 0;
      for (PollLoop loop : loops) {
        total += measure.applyAsLong(loop);
      }
      return total;
    };
  }

  private IntSupplier sum(ToIntFunction<PollLoop> measure) {
    return () -> {
      int total = 0;
      for (PollLoop loop : loops) {
        total += measure.applyAsInt(loop);
      }
      return total;
    };
  }
}
