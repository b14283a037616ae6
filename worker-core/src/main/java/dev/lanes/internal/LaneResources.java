package dev.lanes.internal;

import dev.lanes.dependency.DependencyRegistry;
import dev.lanes.retry.ForwardRecords;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What a lane's poll loops share: the pool (the bulkhead), the invoker, forwarding, meters, and the
 * process's dependencies.
 */
record LaneResources(
    ThreadPoolExecutor pool,
    TaskInvoker invoker,
    Forwarder forwarder,
    ForwardRecords forwardRecords,
    LaneMetrics metrics,
    DependencyRegistry dependencies,
    ScheduledExecutorService clientMetricsScheduler) {

  /** How a loop's batches run and come back to it through {@code completions}. */
  LaneExecution execution(BlockingQueue<Completion> completions) {
    return new LaneExecution(invoker, pool, completions, forwarder, forwardRecords);
  }
}
