package dev.lanes.internal;

import dev.lanes.FatalTaskException;
import dev.lanes.HandlerRegistry;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.TaskHandler;
import dev.lanes.task.MalformedTaskException;
import dev.lanes.task.RejectionReason;
import dev.lanes.task.TaskCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one record into a handler call: decode, look up the handler, call it, count the outcome.
 * The one place that catches handler exceptions. Runs on worker threads, so decoding (and its cost)
 * stays off the poll thread.
 */
final class TaskInvoker {

  private static final Logger log = LoggerFactory.getLogger(TaskInvoker.class);

  /** Until retry topics exist every task runs once. */
  private static final int FIRST_ATTEMPT = 1;

  private final String lane;
  private final HandlerRegistry handlers;
  private final TaskCodec codec;
  private final LaneMetrics metrics;

  TaskInvoker(String lane, HandlerRegistry handlers, TaskCodec codec, LaneMetrics metrics) {
    this.lane = lane;
    this.handlers = handlers;
    this.codec = codec;
    this.metrics = metrics;
  }

  void invoke(ConsumerRecord<byte[], byte[]> record) {
    Task task;
    try {
      task = codec.decode(record.value(), record.timestamp());
    } catch (MalformedTaskException e) {
      reject(record, e.reason(), e.getMessage());
      return;
    }
    TaskHandler handler = handlers.find(task.type());
    if (handler == null) {
      reject(record, RejectionReason.UNKNOWN_TYPE, "no handler for type " + task.type());
      return;
    }
    TaskContext context =
        new TaskContext(
            lane,
            FIRST_ATTEMPT,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    call(handler, task, context);
  }

  private void call(TaskHandler handler, Task task, TaskContext context) {
    TypeMeters meters = metrics.forType(task.type());
    long start = System.nanoTime();
    try {
      handler.handle(task, context);
      meters.succeeded(System.nanoTime() - start);
    } catch (FatalTaskException e) {
      meters.failedFatal(System.nanoTime() - start);
      logFailure("fatal", task, context, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      meters.failed(System.nanoTime() - start);
      logFailure("interrupted", task, context, e);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      meters.failed(System.nanoTime() - start);
      logFailure("transient", task, context, e);
    }
  }

  private void reject(
      ConsumerRecord<byte[], byte[]> record, RejectionReason reason, String detail) {
    metrics.rejected(reason);
    log.warn(
        "task rejected lane={} at={}-{}@{} reason={} detail=\"{}\"",
        lane,
        record.topic(),
        record.partition(),
        record.offset(),
        reason.tag(),
        detail);
  }

  private static void logFailure(String kind, Task task, TaskContext context, Throwable error) {
    log.warn(
        "task failed lane={} at={} task={} type={} attempt={} kind={} error=\"{}\"",
        context.lane(),
        context.coordinates(),
        task.id(),
        task.type(),
        context.attempt(),
        kind,
        error.toString());
  }
}
