package dev.lanes.internal.invoke;

import dev.lanes.Dependencies;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.HandlerRegistry;
import dev.lanes.LanesHeaders;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.TaskHandler;
import dev.lanes.internal.forward.FirstPosition;
import dev.lanes.internal.forward.HeaderTrust;
import dev.lanes.internal.forward.HeaderValues;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.retry.CauseChain;
import dev.lanes.retry.Destination;
import dev.lanes.retry.FailureCategory;
import dev.lanes.retry.RetryRouter;
import dev.lanes.task.MalformedTaskException;
import dev.lanes.task.RejectionReason;
import dev.lanes.task.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one record into a handler call: decode, look up the handler, call it, count the outcome,
 * and for a failure decide where the record goes next (a retry topic or the dead-letter topic). The
 * one place that catches handler exceptions. Runs on worker threads, so decoding (and its cost)
 * stays off the poll thread.
 */
public final class TaskInvoker {

  private static final Logger log = LoggerFactory.getLogger(TaskInvoker.class);

  private final String lane;
  private final HandlerRegistry handlers;
  private final TaskCodec codec;
  private final LaneMetrics metrics;
  private final RetryRouter router;
  private final Dependencies dependencies;
  private final HeaderTrust trust;
  private final ThreadLocal<BatchTally> tallies;

  public TaskInvoker(
      String lane,
      HandlerRegistry handlers,
      TaskCodec codec,
      LaneMetrics metrics,
      RetryRouter router,
      HeaderTrust trust,
      Dependencies dependencies) {
    this.lane = lane;
    this.handlers = handlers;
    this.codec = codec;
    this.metrics = metrics;
    this.router = router;
    this.dependencies = dependencies;
    this.trust = trust;
    this.tallies = ThreadLocal.withInitial(() -> new BatchTally(metrics));
  }

  /**
   * Runs the record's task. Returns null when the record is done, else what became of it: a
   * forward, a wait for a dependency, or abandoned. {@code behindDependency}: the record's
   * partition waited on a dependency since the record was produced, so its wait says nothing about
   * the lane's CPU share. {@code tally}: the running batch's, which counts its successes and waits
   * until the batch ends.
   */
  public Outcome invoke(
      ConsumerRecord<byte[], byte[]> record, boolean behindDependency, BatchTally tally) {
    int attempt = trust.attempt(record);
    Task task;
    try {
      task = decode(record, attempt);
    } catch (MalformedTaskException e) {
      return reject(record, attempt, e);
    }
    TaskHandler handler = handlers.find(task.type());
    if (handler == null) {
      return reject(
          record,
          attempt,
          new MalformedTaskException(
              RejectionReason.UNKNOWN_TYPE, "no handler for type " + task.type()));
    }
    long startMillis = System.currentTimeMillis();
    Optional<Destination> expired = router.beforeStart(task, startMillis);
    if (expired.isPresent()) {
      return expire(record, task, attempt, expired.get(), startMillis);
    }
    if (attempt > 1) {
      recordOvershoot(record);
    } else {
      // Retries wait for their due time on purpose; only first attempts show how late work starts.
      tally.waited(startMillis - record.timestamp(), behindDependency);
    }
    TaskContext context =
        new TaskContext(
            lane,
            attempt,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
            dependencies);
    return call(handler, task, context, tally);
  }

  /**
   * A task without an id is named by where its record was first produced: a first attempt's own
   * position (no header read, nothing allocated), a retry's from its trusted origin headers.
   */
  private Task decode(ConsumerRecord<byte[], byte[]> record, int attempt) {
    if (attempt == 1) {
      return codec.decode(
          record.value(), record.timestamp(), record.topic(), record.partition(), record.offset());
    }
    FirstPosition first = FirstPosition.of(record, trust);
    return codec.decode(
        record.value(), record.timestamp(), first.topic(), first.partition(), first.offset());
  }

  /** The tally of the calling worker thread, which its batches count in. */
  public BatchTally tally() {
    return tallies.get();
  }

  /** The calling worker thread stops running batches for now: its counts show at once. */
  public void publishTally() {
    tallies.get().publish();
  }

  private Outcome call(TaskHandler handler, Task task, TaskContext context, BatchTally tally) {
    TypeMeters meters = tally.metersFor(task.type());
    long start = System.nanoTime();
    Throwable failure;
    try {
      handler.handle(task, context);
      tally.succeeded(meters, System.nanoTime() - start);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn(
          "task interrupted lane={} at={} task={} (it runs again on the partition's next owner)",
          lane,
          context.coordinates(),
          task.id());
      return Outcome.ABANDONED;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      failure = e;
    }
    DependencyUnavailableException unavailable =
        CauseChain.find(failure, DependencyUnavailableException.class);
    if (unavailable != null) {
      // Not the task's fault and not an attempt: the partition waits for the dependency.
      log.debug(
          "task waits for dependency lane={} at={} task={} dependency={}",
          lane,
          context.coordinates(),
          task.id(),
          unavailable.dependency());
      return new Outcome.AwaitDependency(unavailable.dependency());
    }
    long now = System.currentTimeMillis();
    // a retry that would be due after the task's deadline goes to the dead-letter topic at once
    Destination destination = router.afterFailure(context.attempt(), failure, now, task);
    boolean fatal =
        destination instanceof Destination.DeadLetter deadLetter
            && deadLetter.category() == FailureCategory.FATAL;
    if (fatal) {
      meters.failedFatal(System.nanoTime() - start);
    } else {
      meters.failed(System.nanoTime() - start);
    }
    logFailure(task, context, destination, failure);
    return new ForwardRequest(
        router.topicOf(destination), destination, context.attempt(), failure, now);
  }

  private ForwardRequest reject(
      ConsumerRecord<byte[], byte[]> record, int attempt, MalformedTaskException error) {
    metrics.rejected(error.reason());
    log.warn(
        "task rejected lane={} at={}-{}@{} reason={} detail=\"{}\" (to the dead-letter topic)",
        lane,
        record.topic(),
        record.partition(),
        record.offset(),
        error.reason().tag(),
        error.getMessage());
    Destination destination = router.afterRejection(error.reason());
    return new ForwardRequest(
        router.topicOf(destination), destination, attempt, error, System.currentTimeMillis());
  }

  private ForwardRequest expire(
      ConsumerRecord<byte[], byte[]> record,
      Task task,
      int attempt,
      Destination destination,
      long startMillis) {
    metrics.forType(task.type()).expired();
    log.warn(
        "task expired lane={} at={}-{}@{} task={} type={} deadline={} (to the dead-letter topic)",
        lane,
        record.topic(),
        record.partition(),
        record.offset(),
        task.id(),
        task.type(),
        router.deadlineOf(task));
    return new ForwardRequest(
        router.topicOf(destination),
        destination,
        attempt,
        new TaskExpiredException(task.id(), router.deadlineOf(task), startMillis),
        startMillis);
  }

  private void recordOvershoot(ConsumerRecord<byte[], byte[]> record) {
    long due = HeaderValues.longValue(record.headers(), LanesHeaders.DUE, 0);
    if (due > 0) {
      metrics.retryOvershoot(System.currentTimeMillis() - due);
    }
  }

  private static void logFailure(
      Task task, TaskContext context, Destination destination, Throwable error) {
    String next;
    if (destination instanceof Destination.Retry retry) {
      next = "retry in " + retry.delay().toMillis() + " ms";
    } else {
      next = "dead-letter (" + ((Destination.DeadLetter) destination).reason() + ")";
    }
    log.warn(
        "task failed lane={} at={} task={} type={} attempt={} next=\"{}\" error=\"{}\"",
        context.lane(),
        context.coordinates(),
        task.id(),
        task.type(),
        context.attempt(),
        next,
        error.toString());
  }
}
