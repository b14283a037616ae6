package dev.lanes.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;

/**
 * What a worker needs to run a batch and hand it back: the invoker, the lane's pool (to start the
 * next batch of a key chain) and the bounded queue the poll thread drains completions from.
 */
record LaneExecution(
    TaskInvoker invoker, Executor executor, BlockingQueue<TaskBatch> completions) {}
