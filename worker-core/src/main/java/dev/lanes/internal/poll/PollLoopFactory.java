package dev.lanes.internal.poll;

import dev.lanes.LaneConfig;
import dev.lanes.MetricNames;
import dev.lanes.internal.dependency.DependencyPauses;
import dev.lanes.internal.dispatch.Dispatcher;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.lane.LaneResources;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
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

/** Builds a lane's poll loops: makes each one's consumer, binds its metrics, wires its parts. */
public final class PollLoopFactory {

  private final LaneConfig config;
  private final LaneResources resources;
  private final KafkaClients clients;
  private final LaneClock clock;
  private final StopBarrier stopBarrier;
  private final Runnable onStopped;

  /**
   * @param stopBarrier shared by the lane's loops, so they leave their groups together
   * @param onStopped called on a loop's poll thread once it stopped and closed its consumer
   */
  public PollLoopFactory(
      LaneConfig config,
      LaneResources resources,
      KafkaClients clients,
      LaneClock clock,
      StopBarrier stopBarrier,
      Runnable onStopped) {
    this.config = config;
    this.resources = resources;
    this.clients = clients;
    this.clock = clock;
    this.stopBarrier = stopBarrier;
    this.onStopped = onStopped;
  }

  /**
   * @param id {@link PollLoop#mainId main-n} or {@link PollLoop#RETRY}, for thread names, client
   *     ids, logs, metric tags; a retry loop holds retry topics, whose records wait for their due
   *     time
   * @param maxInFlight the loop's in-flight limit: its fetching pauses there
   * @param capacity the most records the loop can have in flight (its share of the pool queue)
   */
  public PollLoop create(
      String id,
      List<String> topics,
      Map<String, Object> consumerConfig,
      int maxInFlight,
      int capacity,
      PollLoop.BeforeJoin beforeJoin) {
    Consumer<byte[], byte[]> consumer = clients.consumer(consumerConfig);
    try {
      KafkaClientMetrics clientMetrics =
          resources
              .metrics()
              .bindClient(
                  new KafkaClientMetrics(
                      consumer,
                      Tags.of(MetricNames.TAG_LANE, config.name(), "loop", id),
                      resources.clientMetricsScheduler()));
      return assemble(
          id, topics, consumer, maxInFlight, capacity, beforeJoin, clientMetrics::close);
    } catch (RuntimeException | Error e) {
      // No loop holds the consumer yet: close it here, or its threads outlive the failed build.
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /** Wires a loop around {@code consumer}; unit tests call this with a {@code MockConsumer}. */
  PollLoop assemble(
      String id,
      List<String> topics,
      Consumer<byte[], byte[]> consumer,
      int maxInFlight,
      int capacity,
      PollLoop.BeforeJoin beforeJoin,
      Runnable releaseClientMetrics) {
    // The completion queue holds at most one batch and one forward per record in flight.
    BlockingQueue<Completion> completions = new ArrayBlockingQueue<>(2 * capacity);
    boolean holdsRetries = id.equals(PollLoop.RETRY);
    InFlightWork work =
        new InFlightWork(
            completions,
            Math.min(config.maxInFlightPerPartition(), 1024),
            holdsRetries ? Set.copyOf(topics) : Set.of(),
            clock.nanos());
    OffsetCommitter committer =
        new OffsetCommitter(
            config.name(), consumer, resources.metrics(), Duration.ofSeconds(30), clock);
    PauseController pauses =
        new PauseController(
            config.name(),
            consumer,
            maxInFlight,
            config.maxInFlightPerPartition(),
            clock,
            resources.fetchingHeld());
    LoopParts parts =
        new LoopParts(
            consumer,
            work,
            new Dispatcher(
                config.ordering(), config.concurrency(), resources.execution(completions)),
            new RetryGate(consumer),
            committer,
            pauses,
            new DependencyPauses(
                config.name(), config.priority(), consumer, resources.dependencies(), clock),
            new ConsumerLag(config.name() + "/" + id, clock),
            new LoopDrain(config, id, consumer, work, pauses, committer, stopBarrier, clock),
            releaseClientMetrics);
    return new PollLoop(config, id, topics, parts, stopBarrier, beforeJoin, onStopped, clock);
  }
}
