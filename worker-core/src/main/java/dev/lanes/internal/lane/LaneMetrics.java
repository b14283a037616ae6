package dev.lanes.internal.lane;

import dev.lanes.MetricNames;
import dev.lanes.internal.invoke.ForwardRequest;
import dev.lanes.internal.invoke.TypeMeters;
import dev.lanes.internal.priority.WaitWindow;
import dev.lanes.internal.priority.YieldController;
import dev.lanes.retry.Destination;
import dev.lanes.retry.FailureCategory;
import dev.lanes.task.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of one lane. Every meter is registered up front: types are the registered handler
 * types, so tag cardinality is bounded, and the hot path only increments.
 */
public final class LaneMetrics {

  private final MeterRegistry registry;
  private final Map<String, TypeMeters> byType = new HashMap<>();
  private final Map<RejectionReason, Counter> rejections = new EnumMap<>(RejectionReason.class);
  private final String laneName;
  private final Counter[] retriedByAttempt;
  private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
  private final Counter forwardFailures;
  private final Timer retryOvershoot;
  private final Timer commitLatency;
  private final Counter commitFailures;
  private final List<Meter> gauges = new ArrayList<>();
  private final BatchedTimer taskWait;
  private final WaitWindow recentWaits = new WaitWindow(YieldController.WINDOW_TICKS);

  public LaneMetrics(MeterRegistry registry, String laneName, Set<String> types, int maxAttempts) {
    this.registry = registry;
    this.laneName = laneName;
    retriedByAttempt = new Counter[maxAttempts];
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      retriedByAttempt[attempt] =
          Counter.builder(MetricNames.TASKS_RETRIED)
              .description("Failed tasks forwarded to a retry topic")
              .tag(MetricNames.TAG_LANE, laneName)
              .tag(MetricNames.TAG_ATTEMPT, Integer.toString(attempt))
              .register(registry);
    }
    deadLetterCounter(FailureCategory.EXHAUSTED.tag());
    deadLetterCounter(FailureCategory.FATAL.tag());
    deadLetterCounter(FailureCategory.EXPIRED.tag());
    forwardFailures =
        Counter.builder(MetricNames.FORWARD_FAILURES)
            .description("Forwards to retry or dead-letter topics that failed and are resent")
            .tag(MetricNames.TAG_LANE, laneName)
            .register(registry);
    retryOvershoot =
        Timer.builder(MetricNames.RETRY_OVERSHOOT)
            .description("How late retries start after their due time")
            .tag(MetricNames.TAG_LANE, laneName)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    for (String type : types) {
      byType.put(type, new TypeMeters(registry, laneName, type));
    }
    for (RejectionReason reason : RejectionReason.values()) {
      rejections.put(
          reason,
          Counter.builder(MetricNames.TASKS_REJECTED)
              .description("Records that are not runnable tasks")
              .tag(MetricNames.TAG_LANE, laneName)
              .tag(MetricNames.TAG_REASON, reason.tag())
              .register(registry));
      deadLetterCounter(reason.tag());
    }
    commitLatency =
        Timer.builder(MetricNames.COMMIT_LATENCY)
            .description("Offset commit round trips")
            .tag(MetricNames.TAG_LANE, laneName)
            .register(registry);
    commitFailures =
        Counter.builder(MetricNames.COMMIT_FAILURES)
            .tag(MetricNames.TAG_LANE, laneName)
            .register(registry);
    // Fed per batch, without client-side percentiles: a Micrometer timer per task (its
    // percentiles an HdrHistogram update each) was the largest share of a no-op task's CPU after
    // decoding. The yield controller keeps its own exact window.
    taskWait =
        new BatchedTimer(
            registry,
            MetricNames.TASK_WAIT,
            MetricNames.TASK_WAIT_MAX,
            "How long tasks waited, from the record's timestamp to handler start",
            Tags.of(MetricNames.TAG_LANE, laneName));
  }

  /**
   * A first attempt waited {@code millis} before its handler started. Worker threads.
   *
   * <p>A task whose partition waited on a dependency (open breaker, no permit) since the record was
   * produced counts in {@code lanes.task.wait}, which shows what users saw, but not in the yield
   * window: lower lanes yielding CPU cannot shorten a dependency's outage, and batch would shrink
   * for nothing. Judged per record rather than "not while a partition is paused", because the
   * backlog a resumed partition then works off carries the outage's wait too, and other partitions
   * of the lane that really starve for CPU must still count.
   */
  public void taskWaited(long millis, boolean behindDependency) {
    long wait = Math.max(0, millis);
    taskWait.record(TimeUnit.MILLISECONDS.toNanos(wait));
    if (!behindDependency) {
      recentWaits.record(wait);
    }
  }

  /**
   * A batch's first attempts: {@code count} of them waited {@code totalMillis} in all, the longest
   * {@code maxMillis}. Their share of the yield window goes there through the batch's {@link
   * dev.lanes.internal.priority.WaitTally}. Worker threads.
   */
  public void tasksWaited(long count, long totalMillis, long maxMillis) {
    taskWait.record(
        count,
        TimeUnit.MILLISECONDS.toNanos(totalMillis),
        TimeUnit.MILLISECONDS.toNanos(maxMillis));
  }

  /** The lane's recent waits, which the yield controller judges its objective by. */
  public WaitWindow recentWaits() {
    return recentWaits;
  }

  /** Registers the lane's gauges; they read poll-thread counters without locking. */
  void bindGauges(
      IntSupplier inFlight,
      IntSupplier pausedPartitions,
      IntSupplier waitingPartitions,
      IntSupplier pendingForwards,
      ThreadPoolExecutor pool) {
    gauges.add(gauge(MetricNames.IN_FLIGHT, laneName, inFlight));
    gauges.add(gauge(MetricNames.PAUSED_PARTITIONS, laneName, pausedPartitions));
    gauges.add(gauge(MetricNames.RETRY_WAITING_PARTITIONS, laneName, waitingPartitions));
    gauges.add(gauge(MetricNames.FORWARD_PENDING, laneName, pendingForwards));
    gauges.add(gauge(MetricNames.EXECUTOR_QUEUED, laneName, () -> pool.getQueue().size()));
    gauges.add(gauge(MetricNames.EXECUTOR_ACTIVE, laneName, pool::getActiveCount));
  }

  /**
   * Consumer lag of the lane, all of it and without partitions paused on a dependency, and in time:
   * the age of its oldest unfinished record in ms.
   */
  void bindLag(LongSupplier lag, LongSupplier lagExcludingPaused, LongSupplier oldestAgeMillis) {
    gauges.add(
        Gauge.builder(
                MetricNames.CONSUMER_LAG_SECONDS,
                oldestAgeMillis,
                millis -> millis.getAsLong() / 1000.0)
            .description("Age of the lane's oldest unfinished record: now minus its timestamp")
            .tag(MetricNames.TAG_LANE, laneName)
            .baseUnit("seconds")
            .strongReference(true)
            .register(registry));
    gauges.add(
        Gauge.builder(MetricNames.CONSUMER_LAG, lag, LongSupplier::getAsLong)
            .description("Records behind the end of the lane's partitions")
            .tag(MetricNames.TAG_LANE, laneName)
            .strongReference(true)
            .register(registry));
    gauges.add(
        Gauge.builder(MetricNames.CONSUMER_LAG_ACTIVE, lagExcludingPaused, LongSupplier::getAsLong)
            .description("Lag without partitions paused on an open breaker: scale on this")
            .tag(MetricNames.TAG_LANE, laneName)
            .strongReference(true)
            .register(registry));
  }

  /**
   * Publishes a Kafka client's own metrics (fetch rates, request latencies, buffer use) beside the
   * lane's, tagged with the lane; close the returned binder with the client.
   */
  public KafkaClientMetrics bindClient(KafkaClientMetrics client) {
    client.bindTo(registry);
    return client;
  }

  public TypeMeters forType(String type) {
    TypeMeters meters = byType.get(type);
    if (meters == null) {
      throw new IllegalStateException("no meters for unregistered type " + type);
    }
    return meters;
  }

  public void rejected(RejectionReason reason) {
    rejections.get(reason).increment();
  }

  /** A forward was acknowledged: count it as a retry or a dead letter. Any thread. */
  public void forwarded(ForwardRequest request) {
    if (request.destination() instanceof Destination.DeadLetter deadLetter) {
      deadLetterCounter(deadLetter.reason()).increment();
    } else {
      retriedByAttempt[request.attempt()].increment();
    }
  }

  public void forwardFailed() {
    forwardFailures.increment();
  }

  public void retryOvershoot(long millis) {
    retryOvershoot.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  public void committed(long nanos) {
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void commitFailed() {
    commitFailures.increment();
  }

  /**
   * Removes the gauges, which read a lane that is gone. Counters and timers stay: their totals
   * remain true after the lane stops, and a restarted lane continues them.
   */
  void unbindGauges() {
    gauges.forEach(registry::remove);
    gauges.clear();
  }

  // Reasons are a small fixed set (rejection reasons, fatal, exhausted): cardinality stays bounded.
  private Counter deadLetterCounter(String reason) {
    return deadLettered.computeIfAbsent(
        reason,
        tag ->
            Counter.builder(MetricNames.TASKS_DEAD_LETTERED)
                .description("Records forwarded to the dead-letter topic")
                .tag(MetricNames.TAG_LANE, laneName)
                .tag(MetricNames.TAG_REASON, tag)
                .register(registry));
  }

  private Meter gauge(String name, String laneName, IntSupplier value) {
    return Gauge.builder(name, value, supplier -> supplier.getAsInt())
        .tag(MetricNames.TAG_LANE, laneName)
        .strongReference(true)
        .register(registry);
  }
}
