package dev.lanes.internal.lane;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowMax;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A timer that takes a batch's durations at once: their count, total and longest. A Micrometer
 * {@code Timer} takes one duration a call, and its count, total and decaying maximum are atomics
 * every worker writes: per task, two of them cost a tenth of a no-op task's CPU. Published as a
 * function timer ({@code name}: count and total, the {@code _count} and {@code _sum} Prometheus
 * reads as before) and a time gauge ({@code maxName}: the longest duration of the last two minutes
 * or so, as a timer's {@code max}). Any thread.
 */
public final class BatchedTimer {

  private final LongAdder count = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final TimeWindowMax max;

  public BatchedTimer(
      MeterRegistry registry, String name, String maxName, String description, Tags tags) {
    max = new TimeWindowMax(registry.config().clock(), DistributionStatisticConfig.DEFAULT);
    FunctionTimer.builder(
            name,
            this,
            timer -> timer.count.sum(),
            timer -> timer.totalNanos.sum(),
            TimeUnit.NANOSECONDS)
        .description(description)
        .tags(tags)
        .register(registry);
    TimeGauge.builder(
            maxName, max, TimeUnit.NANOSECONDS, window -> window.poll(TimeUnit.NANOSECONDS))
        .description("Longest of " + name + " lately")
        .tags(tags)
        .register(registry);
  }

  /** {@code count} durations adding up to {@code totalNanos}, the longest {@code maxNanos}. */
  public void record(long count, long totalNanos, long maxNanos) {
    if (count <= 0) {
      return;
    }
    this.count.add(count);
    this.totalNanos.add(totalNanos);
    max.record(maxNanos, TimeUnit.NANOSECONDS);
  }

  /** One duration. */
  public void record(long nanos) {
    record(1, nanos, nanos);
  }
}
