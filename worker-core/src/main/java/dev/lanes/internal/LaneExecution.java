package dev.lanes.internal;

import dev.lanes.retry.ForwardRecords;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a worker needs to run a batch and hand it back: the invoker, the lane's pool (to start the
 * next batch of a key chain), the forwarder for failed records, and the bounded queue the poll
 * thread drains completions from.
 */
record LaneExecution(
    TaskInvoker invoker,
    Executor executor,
    BlockingQueue<Completion> completions,
    Forwarder forwarder,
    ForwardRecords forwardRecords) {

  PendingForward pendingForward(
      PartitionState partition, ConsumerRecord<byte[], byte[]> source, ForwardRequest request) {
    return new PendingForward(forwarder, completions, partition, source, request, forwardRecords);
  }
}
