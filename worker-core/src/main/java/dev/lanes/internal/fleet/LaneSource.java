package dev.lanes.internal.fleet;

import dev.lanes.LaneConfig;
import dev.lanes.LaneHealth;
import dev.lanes.MetricNames;
import dev.lanes.internal.lane.LaneWorker;
import dev.lanes.internal.poll.PartitionSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where the fleet report reads one lane's figures, each safe from any thread: its health (lag,
 * in-flight), its partitions as the poll threads last saw them, and how many tasks it has finished
 * so far, from which the report derives tasks per second.
 */
public record LaneSource(
    String lane,
    String group,
    Supplier<LaneHealth> health,
    Supplier<PartitionSnapshot> partitions,
    LongSupplier finishedTasks) {

  /** A running lane: the counts come from its {@link MetricNames#TASKS} counters. */
  public static LaneSource of(LaneConfig config, LaneWorker worker, MeterRegistry registry) {
    return new LaneSource(
        config.name(),
        config.groupId(),
        worker::health,
        worker::partitions,
        () -> finished(registry, config.name()));
  }

  // Every outcome counts: a task forwarded to retry or dead-lettered is finished work too.
  private static long finished(MeterRegistry registry, String lane) {
    double total = 0;
    for (Counter counter :
        registry.find(MetricNames.TASKS).tag(MetricNames.TAG_LANE, lane).counters()) {
      total += counter.count();
    }
    return (long) total;
  }
}
