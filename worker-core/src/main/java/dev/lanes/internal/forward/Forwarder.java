package dev.lanes.internal.forward;

import dev.lanes.internal.invoke.ForwardRequest;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.retry.Destination;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends failed records to the lane's retry and dead-letter topics through one idempotent {@code
 * acks=all} producer, shared by the lane's poll loops, and hands each acknowledged forward back to
 * the loop that owns its source partition. A failed forward is sent again after a growing pause,
 * from a timer rather than a sleeping worker, for as long as the lane owns the source partition:
 * the source offset is never committed past it meanwhile.
 */
public final class Forwarder {

  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  private static final long FIRST_RESEND_MILLIS = 500;
  private static final long MAX_RESEND_MILLIS = 30_000;

  private final String laneName;
  private final Producer<byte[], byte[]> producer;
  private final LaneMetrics metrics;
  // Holds at most one resend per record in flight: bounded by the lane's in-flight limits.
  private final ResendTimer resends;
  private final LogThrottle failureLog = new LogThrottle(Duration.ofSeconds(5));
  private final AtomicInteger pending = new AtomicInteger();

  public Forwarder(
      String laneName,
      Producer<byte[], byte[]> producer,
      LaneMetrics metrics,
      ResendTimer resends) {
    this.laneName = laneName;
    this.producer = producer;
    this.metrics = metrics;
    this.resends = resends;
  }

  /** Starts a forward; its outcome arrives through the completion queue. */
  public void start(PendingForward forward) {
    pending.incrementAndGet();
    send(forward);
  }

  /** Forwards sent and not yet acknowledged or abandoned. */
  public int pending() {
    return pending.get();
  }

  private void send(PendingForward forward) {
    try {
      producer.send(forward.record(), forward);
    } catch (RuntimeException e) {
      // Serialization, a closed producer, an interrupted metadata wait: same path as a failed ack.
      completed(forward, e);
    }
  }

  /** Producer callback (or a send that threw): acknowledged, or failed and to be sent again. */
  void completed(PendingForward forward, Exception error) {
    if (error == null) {
      forward.delivered();
      metrics.forwarded(forward.request());
      logForwarded(forward);
      finish(forward);
      return;
    }
    if (error instanceof RecordTooLargeException && forward.hasDiagnostics()) {
      // Without its message and stack trace the record may fit: a dead letter with less
      // detail beats none. Never from the producer's own thread: send() may block there.
      forward.dropDiagnostics();
      log.warn(
          "forward too large, sending without diagnostics headers lane={} at={} topic={}",
          laneName,
          forward.coordinates(),
          forward.request().topic());
      resendLater(forward, 0);
      return;
    }
    int failures = forward.failed();
    metrics.forwardFailed();
    if (forward.partition().isRevoked()) {
      // Another member owns the partition now and will run the record again from its offset.
      finish(forward);
      return;
    }
    long pause = Math.min(MAX_RESEND_MILLIS, FIRST_RESEND_MILLIS << Math.min(failures - 1, 16));
    logFailure(forward, error, failures, pause);
    resendLater(forward, pause);
  }

  /**
   * Drops resends not yet due and closes the producer; unacknowledged forwards stay uncommitted.
   */
  public void close(Duration timeout) {
    resends.close();
    producer.close(timeout);
  }

  private void resendLater(PendingForward forward, long millis) {
    try {
      resends.schedule(() -> send(forward), millis);
    } catch (RejectedExecutionException e) {
      // The lane is closing: the record stays uncommitted and runs again on the next owner.
      finish(forward);
    }
  }

  private void finish(PendingForward forward) {
    pending.decrementAndGet();
    forward.handBack();
  }

  private void logForwarded(PendingForward forward) {
    ForwardRequest request = forward.request();
    if (request.isDeadLetter()) {
      log.warn(
          "task dead-lettered lane={} at={} topic={} attempt={} reason={} error=\"{}\"",
          laneName,
          forward.coordinates(),
          request.topic(),
          request.attempt(),
          ((Destination.DeadLetter) request.destination()).reason(),
          request.error().toString());
    }
  }

  private void logFailure(PendingForward forward, Exception error, int failures, long pause) {
    boolean tooLarge = error instanceof RecordTooLargeException;
    if (tooLarge) {
      // Cannot heal by waiting: say what blocks the partition and how to unblock it, every time.
      log.error(
          "forward too large even without diagnostics headers lane={} at={} topic={}: the"
              + " partition cannot commit past this record until the topic's max.message.bytes"
              + " (and the producer's max.request.size) allow it; retrying every {} ms",
          laneName,
          forward.coordinates(),
          forward.request().topic(),
          pause);
      return;
    }
    int suppressed = failureLog.tryAcquire();
    if (suppressed >= 0) {
      log.warn(
          "forward failed lane={} at={} topic={} failures={} resend-in={}ms error=\"{}\""
              + " (the source offset is not committed; {} similar lines suppressed)",
          laneName,
          forward.coordinates(),
          forward.request().topic(),
          failures,
          pause,
          error.toString(),
          suppressed);
    }
  }
}
