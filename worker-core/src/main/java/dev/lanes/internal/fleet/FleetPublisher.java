package dev.lanes.internal.fleet;

import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.internal.lane.LaneClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this worker's {@link WorkerReport} to {@code lanes.fleet}: at start, every interval,
 * and soon after a transition (assignment, a pause on a dependency, a breaker), at most one extra
 * report per {@link #SOON}. On its own daemon thread, so the runtime never waits for the fleet
 * topic; a clean close leaves a tombstone. Publishing failures are logged once until a report gets
 * through again.
 */
public final class FleetPublisher implements AutoCloseable {

  /** How soon after a transition a report goes out, and how often at most. */
  static final Duration SOON = Duration.ofMillis(200);

  /** How long a close waits for its tombstone and for the producer. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(FleetPublisher.class);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String workerId;
  private final WorkerReports reports;
  private final LaneClock clock;
  private final long intervalNanos;
  private final FleetCodec codec = new FleetCodec();
  private final FailureLog failures;
  private final FailureLog reportFailures;
  private final Thread thread;
  private final Object wake = new Object();
  private volatile boolean soonRequested;
  private volatile boolean closing;
  private boolean published;
  private Object lastTransitions;
  private long lastPublishNanos;
  private long nextPublishNanos;

  FleetPublisher(
      Producer<byte[], byte[]> producer,
      String topic,
      String workerId,
      WorkerReports reports,
      LaneClock clock,
      Duration interval) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = topic;
    this.workerId = workerId;
    this.reports = reports;
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.failures =
        new FailureLog(
            "fleet topic unavailable: this worker is not in lanes status",
            "fleet topic available again: this worker is back in lanes status",
            topic);
    this.reportFailures =
        new FailureLog(
            "fleet report not made: this worker is not in lanes status",
            "fleet report made again",
            topic);
    this.thread = new Thread(this::run, "lanes-fleet-publisher");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Something changed that the fleet should see soon; bursts make one report. Any thread. */
  public void publishSoon() {
    soonRequested = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** One decision at the clock's time: publish when due or after a transition. */
  void tick() {
    long now = clock.nanoTime();
    Object transitions = reports.transitions();
    boolean due = !published || now - nextPublishNanos >= 0;
    boolean changed = soonRequested || !transitions.equals(lastTransitions);
    if (due || (changed && now - lastPublishNanos >= SOON.toNanos())) {
      soonRequested = false;
      lastTransitions = transitions;
      lastPublishNanos = now;
      nextPublishNanos = now + intervalNanos;
      published = true;
      send(codec.encode(reports.at(Instant.ofEpochMilli(clock.nowMillis()))));
    }
  }

  /** Stops publishing and leaves a tombstone: the fleet sees this worker leave at once. */
  @Override
  public void close() {
    stopThread();
    try {
      Future<RecordMetadata> tombstone = send(null);
      if (tombstone != null) {
        tombstone.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "fleet tombstone not confirmed topic={} worker={} reason=\"{}\" (lanes status shows"
              + " this worker until its last report is {} intervals old)",
          topic,
          workerId,
          e.getCause() == null ? e : e.getCause(),
          WorkerReport.GONE_AFTER_INTERVALS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(CLOSE_WAIT);
    }
  }

  /** Stops publishing without a tombstone, as a crash would. */
  void halt() {
    stopThread();
    producer.close(Duration.ZERO);
  }

  private void stopThread() {
    closing = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    if (thread.isAlive()) {
      try {
        thread.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    while (!closing) {
      try {
        tick();
        reportFailures.succeeded();
      } catch (RuntimeException e) {
        // Whatever broke one report must not end the reports: the next tick tries again.
        reportFailures.failed(e);
      }
      synchronized (wake) {
        if (!closing && !soonRequested) {
          try {
            wake.wait(SOON.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  private Future<RecordMetadata> send(byte[] value) {
    try {
      return producer.send(
          new ProducerRecord<>(topic, FleetCodec.key(workerId), value),
          (metadata, error) -> {
            if (error == null) {
              failures.succeeded();
            } else {
              failures.failed(error);
            }
          });
    } catch (KafkaException e) {
      failures.failed(e);
      return null;
    }
  }
}
