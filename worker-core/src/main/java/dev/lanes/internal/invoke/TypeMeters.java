package dev.lanes.internal.invoke;

import dev.lanes.MetricNames;
import dev.lanes.internal.lane.BatchedTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The meters of one task type in one lane, registered once so the hot path only increments. */
public final class TypeMeters {

  private final Counter succeeded;
  private final Counter failed;
  private final Counter failedFatal;
  private final Counter expired;
  private final BatchedTimer duration;

  public TypeMeters(MeterRegistry registry, String laneName, String type) {
    succeeded = outcome(registry, laneName, type, MetricNames.OUTCOME_SUCCEEDED);
    failed = outcome(registry, laneName, type, MetricNames.OUTCOME_FAILED);
    failedFatal = outcome(registry, laneName, type, MetricNames.OUTCOME_FAILED_FATAL);
    expired = outcome(registry, laneName, type, MetricNames.OUTCOME_EXPIRED);
    duration =
        new BatchedTimer(
            registry,
            MetricNames.HANDLER_DURATION,
            MetricNames.HANDLER_DURATION_MAX,
            "Time spent in task handlers",
            Tags.of(MetricNames.TAG_LANE, laneName, MetricNames.TAG_TYPE, type));
  }

  /**
   * {@code count} tasks succeeded, their handlers taking {@code totalNanos}, the longest {@code
   * maxNanos}: a batch's run of them, in one update.
   */
  void succeeded(int count, long totalNanos, long maxNanos) {
    succeeded.increment(count);
    duration.record(count, totalNanos, maxNanos);
  }

  void failed(long nanos) {
    failed.increment();
    duration.record(nanos);
  }

  void failedFatal(long nanos) {
    failedFatal.increment();
    duration.record(nanos);
  }

  /** The task was not run: no handler time to record. */
  void expired() {
    expired.increment();
  }

  private static Counter outcome(
      MeterRegistry registry, String laneName, String type, String outcome) {
    return Counter.builder(MetricNames.TASKS)
        .description("Tasks finished, by outcome")
        .tag(MetricNames.TAG_LANE, laneName)
        .tag(MetricNames.TAG_TYPE, type)
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .register(registry);
  }
}
