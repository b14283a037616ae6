package dev.lanes.internal.lane;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.MetricNames;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.dependency.LaneDependencies;
import dev.lanes.internal.dispatch.ConcurrencyLimit;
import dev.lanes.internal.dispatch.LanePool;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.forward.HeaderTrust;
import dev.lanes.internal.forward.ProducerSettings;
import dev.lanes.internal.forward.ResendTimer;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.poll.ConsumerSettings;
import dev.lanes.internal.poll.GroupMembership;
import dev.lanes.internal.poll.PollLoop;
import dev.lanes.internal.poll.PollLoopFactory;
import dev.lanes.internal.poll.RetryGroupSeed;
import dev.lanes.internal.poll.StopBarrier;
import dev.lanes.internal.priority.YieldController;
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
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * Builds one lane: its pool, meters, forwarding producer, invoker and poll loops, wired together.
 * Hand-written wiring, in one place, so {@link LaneWorker} and {@link PollLoop} hold run logic
 * only.
 */
public final class LaneAssembly {

  private LaneAssembly() {}

  public static LaneWorker build(
      LaneConfig config,
      String bootstrapServers,
      Map<String, Object> consumerOverrides,
      Map<String, Object> producerOverrides,
      HandlerRegistry handlers,
      TaskCodec codec,
      MeterRegistry registry,
      String workerId,
      GroupMembership membership,
      DependencyRegistry dependencies,
      KafkaClients clients,
      LaneClock clock) {
    Map<String, Object> consumerConfig =
        ConsumerSettings.forLane(config, bootstrapServers, consumerOverrides);
    // Every record in flight is in at most one batch, and a poll overshoots a loop's in-flight
    // limit by at most one poll's records: that bounds the pool's queue, so it never rejects.
    int maxPollRecords = ConsumerSettings.maxPollRecords(consumerConfig);
    boolean retries = !config.retryTopics().isEmpty();
    // The main-topic loops share maxInFlight, each overshooting by one poll; the retry loop has
    // maxInFlight of its own.
    int mainCapacity = config.maxInFlight() + config.pollers() * maxPollRecords;
    int retryCapacity = config.maxInFlight() + maxPollRecords;
    // A step that throws must not leave what the steps before it made running: a producer made
    // before a failure would reconnect to the broker for the life of the process.
    ClosedOnFailure made = new ClosedOnFailure();
    try {
      // Refreshes the Kafka clients' metric lists for Micrometer; one daemon thread per lane.
      ScheduledExecutorService clientMetricsScheduler =
          made.add(clientMetricsScheduler(), ScheduledExecutorService::shutdownNow);
      ThreadPoolExecutor pool =
          made.add(
              LanePool.create(
                  config.name(),
                  config.concurrency(),
                  mainCapacity + (retries ? retryCapacity : 0)),
              ThreadPoolExecutor::shutdownNow);
      // Batches start through the limit, so the lane can yield without interrupting anything.
      ConcurrencyLimit limit = new ConcurrencyLimit(pool, config.concurrency());
      LaneMetrics metrics =
          made.add(
              new LaneMetrics(
                  registry, config.name(), handlers.types(), config.retry().maxAttempts()),
              LaneMetrics::unbindGauges);
      Producer<byte[], byte[]> producer =
          made.add(
              clients.producer(
                  ProducerSettings.forLane(config, bootstrapServers, producerOverrides)),
              unstarted -> unstarted.close(Duration.ZERO));
      KafkaClientMetrics producerMetrics =
          made.add(
              metrics.bindClient(
                  new KafkaClientMetrics(
                      producer,
                      Tags.of(MetricNames.TAG_LANE, config.name()),
                      clientMetricsScheduler)),
              KafkaClientMetrics::close);
      Forwarder forwarder =
          made.add(
              new Forwarder(
                  config.name(), producer, metrics, ResendTimer.daemonThread(config.name())),
              unstarted -> unstarted.close(Duration.ZERO));
      HeaderTrust trust = new HeaderTrust(config.retryTopics());
      TaskInvoker invoker =
          new TaskInvoker(
              config.name(),
              handlers,
              codec,
              metrics,
              new RetryRouter(
                      config.retry(),
                      config.topic(),
                      () -> ThreadLocalRandom.current().nextDouble())
                  .withMaxTaskAge(config.maxTaskAge()),
              trust,
              new LaneDependencies(dependencies, config.name(), config.priority()));
      LaneResources resources =
          new LaneResources(
              limit,
              invoker,
              forwarder,
              new ForwardRecords(config.groupId(), workerId, trust),
              metrics,
              dependencies,
              clientMetricsScheduler,
              limit::holdsFetching);
      LaneShutdown shutdown =
          new LaneShutdown(
              config.name(), pool, producerMetrics, clientMetricsScheduler, forwarder, metrics);
      PollLoopFactory loopFactory =
          new PollLoopFactory(
              config,
              resources,
              clients,
              clock,
              new StopBarrier(config.pollers() + (retries ? 1 : 0)),
              shutdown::loopStopped);
      List<PollLoop> loops = new ArrayList<>();
      for (int index = 0; index < config.pollers(); index++) {
        String id = PollLoop.mainId(index + 1);
        int maxInFlight = config.maxInFlightOfPoller(index);
        loops.add(
            made.add(
                loopFactory.create(
                    id,
                    List.of(config.topic()),
                    membership.apply(
                        ConsumerSettings.inGroup(consumerConfig, config.groupId(), id),
                        config.name(),
                        id),
                    maxInFlight,
                    maxInFlight + maxPollRecords,
                    PollLoop.BeforeJoin.NOTHING),
                PollLoop::discard));
      }
      if (retries) {
        loops.add(
            made.add(
                loopFactory.create(
                    PollLoop.RETRY,
                    config.retryTopics(),
                    membership.apply(
                        ConsumerSettings.inGroup(
                            consumerConfig, config.retryGroupId(), PollLoop.RETRY),
                        config.name(),
                        PollLoop.RETRY),
                    config.maxInFlight(),
                    retryCapacity,
                    retryGroupSeed(config, consumerConfig, clients)::seed),
                PollLoop::discard));
      }
      metrics.bindLag(
          sumLong(loops, PollLoop::lag),
          sumLong(loops, PollLoop::lagExcludingPaused),
          maxLong(loops, PollLoop::oldestUnfinishedAgeMillis));
      metrics.bindGauges(
          sum(loops, PollLoop::inFlight),
          sum(loops, PollLoop::pausedPartitions),
          sum(loops, PollLoop::waitingPartitions),
          forwarder::pending,
          pool);
      return new LaneWorker(config.name(), loops, shutdown, limit, metrics.recentWaits());
    } catch (RuntimeException | Error e) {
      made.closeAfter(e);
      throw e;
    }
  }

  /** One controller for the process: lanes yield only to lanes they share the machine with. */
  public static YieldController yieldController(
      List<LaneConfig> configs, List<LaneWorker> workers, MeterRegistry registry) {
    List<YieldController.Lane> lanes = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      LaneConfig config = configs.get(i);
      LaneWorker worker = workers.get(i);
      lanes.add(
          new YieldController.Lane(
              config.name(),
              config.priority(),
              config.maxWait(),
              config.yieldFloor(),
              worker.concurrencyLimit(),
              worker.recentWaits()));
    }
    return new YieldController(lanes, YieldController.WINDOW_TICKS, registry);
  }

  private static ScheduledExecutorService clientMetricsScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "lanes-client-metrics");
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Reads the lane group's offsets of retry topics, which retry loops committed there before. A
   * dynamic member always: it joins no group, so an instance id could only collide with a loop's.
   */
  private static RetryGroupSeed retryGroupSeed(
      LaneConfig config, Map<String, Object> consumerConfig, KafkaClients clients) {
    Map<String, Object> reader =
        ConsumerSettings.inGroup(consumerConfig, config.groupId(), "retry-seed");
    return new RetryGroupSeed(
        config.name(),
        config.groupId(),
        config.retryTopics(),
        () -> clients.consumer(reader),
        Duration.ofSeconds(30));
  }

  private static LongSupplier maxLong(List<PollLoop> loops, ToLongFunction<PollLoop> measure) {
    return () -> {
      long max = 0;
      for (PollLoop loop : loops) {
        max = Math.max(max, measure.applyAsLong(loop));
      }
      return max;
    };
  }

  private static LongSupplier sumLong(List<PollLoop> loops, ToLongFunction<PollLoop> measure) {
    return () -> {
      long total = 0;
      for (PollLoop loop : loops) {
        total += measure.applyAsLong(loop);
      }
      return total;
    };
  }

  private static IntSupplier sum(List<PollLoop> loops, ToIntFunction<PollLoop> measure) {
    return () -> {
      int total = 0;
      for (PollLoop loop : loops) {
        total += measure.applyAsInt(loop);
      }
      return total;
    };
  }
}
