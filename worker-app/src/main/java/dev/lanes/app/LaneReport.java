package dev.lanes.app;

import dev.lanes.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.io.PrintStream;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** What one lane processed, read from the runtime's meters (by {@code run} and the demo). */
public record LaneReport(
    String lane,
    long succeeded,
    long retried,
    long deadLettered,
    long rejected,
    double meanHandlerMillis,
    double maxHandlerMillis) {

  public static LaneReport read(MeterRegistry registry, String lane) {
    Collection<FunctionTimer> timers =
        registry
            .find(MetricNames.HANDLER_DURATION)
            .tag(MetricNames.TAG_LANE, lane)
            .functionTimers();
    double calls = timers.stream().mapToDouble(FunctionTimer::count).sum();
    double totalMillis = timers.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
    Collection<TimeGauge> longest =
        registry
            .find(MetricNames.HANDLER_DURATION_MAX)
            .tag(MetricNames.TAG_LANE, lane)
            .timeGauges();
    return new LaneReport(
        lane,
        tasks(registry, lane, MetricNames.OUTCOME_SUCCEEDED),
        sum(registry.find(MetricNames.TASKS_RETRIED).tag(MetricNames.TAG_LANE, lane).counters()),
        sum(
            registry
                .find(MetricNames.TASKS_DEAD_LETTERED)
                .tag(MetricNames.TAG_LANE, lane)
                .counters()),
        sum(registry.find(MetricNames.TASKS_REJECTED).tag(MetricNames.TAG_LANE, lane).counters()),
        calls == 0 ? 0 : totalMillis / calls,
        longest.stream().mapToDouble(t -> t.value(TimeUnit.MILLISECONDS)).max().orElse(0));
  }

  /**
   * Records the lane is done with: handled, or in the dead-letter topic (records that are not tasks
   * included). A retried task is not done until its last attempt.
   */
  public long finished() {
    return succeeded + deadLettered;
  }

  public static void printHeader(PrintStream out) {
    out.printf(
        "%-10s %9s %9s %9s %13s %9s %11s %10s%n",
        "lane",
        "records",
        "succeeded",
        "retried",
        "dead-letters",
        "rejected",
        "mean (ms)",
        "max (ms)");
  }

  public void print(PrintStream out, long produced) {
    out.printf(
        "%-10s %9d %9d %9d %13d %9d %11.2f %10.1f%n",
        lane,
        produced,
        succeeded,
        retried,
        deadLettered,
        rejected,
        meanHandlerMillis,
        maxHandlerMillis);
  }

  private static long tasks(MeterRegistry registry, String lane, String outcome) {
    return sum(
        registry
            .find(MetricNames.TASKS)
            .tag(MetricNames.TAG_LANE, lane)
            .tag(MetricNames.TAG_OUTCOME, outcome)
            .counters());
  }

  private static long sum(Collection<Counter> counters) {
    return Math.round(counters.stream().mapToDouble(Counter::count).sum());
  }
}
