package dev.lanes.internal.invoke;

import dev.lanes.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The meters of one task type in one lane, registered once so the hot path only increments. */
public final class TypeMeters {

  private final Counter succeeded;
  private final Counter failed;
  private final Counter failedFatal;
  private final Counter expired;
  private final Timer duration;

  public TypeMeters(MeterRegistry registry, String laneName, String type) {
    succeeded = outcome(registry, laneName, type, MetricNames.OUTCOME_SUCCEEDED);
    failed = outcome(registry, laneName, type, MetricNames.OUTCOME_FAILED);
    failedFatal = outcome(registry, laneName, type, MetricNames.OUTCOME_FAILED_FATAL);
    expired = outcome(registry, laneName, type, MetricNames.OUTCOME_EXPIRED);
    duration =
        Timer.builder(MetricNames.HANDLER_DURATION)
            .description("Time spent in task handlers")
            .tag(MetricNames.TAG_LANE, laneName)
            .tag(MetricNames.TAG_TYPE, type)
            .register(registry);
  }

  /** A handler returned after {@code nanos}; its success is counted by the batch's tally. */
  void handled(long nanos) {
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** {@code count} tasks succeeded: one counter update for a batch's run of them. */
  void succeeded(int count) {
    succeeded.increment(count);
  }

  void failed(long nanos) {
    failed.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  void failedFatal(long nanos) {
    failedFatal.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
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
