package dev.lanes.internal.lane;

import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.dispatch.LaneExecution;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.offsets.Completion;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * What a lane's poll loops share: the pool (the bulkhead), the invoker, forwarding, meters, and the
 * process's dependencies. {@code fetchingHeld} is true while the lane yields with a limit of 0: its
 * loops keep every partition paused.
 */
public record LaneResources(
    Executor pool,
    TaskInvoker invoker,
    Forwarder forwarder,
    ForwardRecords forwardRecords,
    LaneMetrics metrics,
    DependencyRegistry dependencies,
    ScheduledExecutorService clientMetricsScheduler,
    BooleanSupplier fetchingHeld) {

  /** How a loop's batches run and come back to it through {@code completions}. */
  public LaneExecution execution(BlockingQueue<Completion> completions) {
    return new LaneExecution(invoker, pool, completions, forwarder, forwardRecords);
  }
}
