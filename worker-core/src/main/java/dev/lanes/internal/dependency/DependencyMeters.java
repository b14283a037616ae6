package dev.lanes.internal.dependency;

import dev.lanes.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The meters of one dependency, registered up front so calls only increment. */
final class DependencyMeters {

  private final Counter succeeded;
  private final Counter failed;
  private final Counter rejected;
  private final Counter limitRejected;
  private final Timer pausedTime;
  private final AtomicInteger pausedPartitions = new AtomicInteger();

  private final MeterRegistry registry;
  private final String dependency;

  DependencyMeters(MeterRegistry registry, String dependency) {
    this.registry = registry;
    this.dependency = dependency;
    succeeded = calls(registry, dependency, "success");
    failed = calls(registry, dependency, "failure");
    rejected = calls(registry, dependency, "rejected");
    limitRejected =
        Counter.builder(MetricNames.DEPENDENCY_LIMIT_REJECTED)
            .description("Calls that found no permit of the adaptive limit; their partition waited")
            .tag(MetricNames.TAG_DEPENDENCY, dependency)
            .register(registry);
    pausedTime =
        Timer.builder(MetricNames.DEPENDENCY_PAUSED_TIME)
            .description("How long partitions waited for the dependency to recover")
            .tag(MetricNames.TAG_DEPENDENCY, dependency)
            .register(registry);
    Gauge.builder(MetricNames.DEPENDENCY_PAUSED_PARTITIONS, pausedPartitions, AtomicInteger::get)
        .description("Partitions paused until the dependency recovers")
        .tag(MetricNames.TAG_DEPENDENCY, dependency)
        .strongReference(true)
        .register(registry);
  }

  /** Publishes the breaker's state: 0 closed, 1 half-open, 2 open. */
  void bindState(Supplier<Availability> state) {
    Gauge.builder(MetricNames.DEPENDENCY_BREAKER_STATE, state, s -> s.get().ordinal())
        .description("Breaker state: 0 closed, 1 half-open, 2 open")
        .tag(MetricNames.TAG_DEPENDENCY, dependency)
        .strongReference(true)
        .register(registry);
  }

  /** Publishes the adaptive limit and the calls holding its permits. */
  void bindLimit(IntSupplier limit, IntSupplier inFlight) {
    Gauge.builder(MetricNames.DEPENDENCY_LIMIT, limit, IntSupplier::getAsInt)
        .description("The dependency's adaptive concurrency limit")
        .tag(MetricNames.TAG_DEPENDENCY, dependency)
        .strongReference(true)
        .register(registry);
    Gauge.builder(MetricNames.DEPENDENCY_IN_FLIGHT, inFlight, IntSupplier::getAsInt)
        .description("Calls holding a permit of the adaptive limit")
        .tag(MetricNames.TAG_DEPENDENCY, dependency)
        .strongReference(true)
        .register(registry);
  }

  void limitRejected() {
    limitRejected.increment();
  }

  void succeeded() {
    succeeded.increment();
  }

  void failed() {
    failed.increment();
  }

  void rejected() {
    rejected.increment();
  }

  void partitionPaused() {
    pausedPartitions.incrementAndGet();
  }

  void partitionResumed(Duration paused) {
    pausedPartitions.decrementAndGet();
    pausedTime.record(paused);
  }

  /** A partition that waited was revoked or lost: it no longer waits here. */
  void partitionDropped() {
    pausedPartitions.decrementAndGet();
  }

  int pausedPartitions() {
    return pausedPartitions.get();
  }

  private static Counter calls(MeterRegistry registry, String dependency, String outcome) {
    return Counter.builder(MetricNames.DEPENDENCY_CALLS)
        .description("Calls to the dependency by outcome; rejected ones never reached it")
        .tag(MetricNames.TAG_DEPENDENCY, dependency)
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .register(registry);
  }
}
