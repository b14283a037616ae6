package dev.lanes.internal.dispatch;

import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.forward.PendingForward;
import dev.lanes.internal.invoke.ForwardRequest;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.PartitionState;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a worker needs to run a batch and hand it back: the invoker, the lane's pool (to start the
 * next batch of a key chain), the forwarder for failed records, and the bounded queue the poll
 * thread drains completions from.
 */
public record LaneExecution(
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
