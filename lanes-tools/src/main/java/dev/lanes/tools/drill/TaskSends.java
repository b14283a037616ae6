package dev.lanes.tools.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The drill tasks one thread (the steady thread, or the caller of a backlog) handed to the producer
 * and that are not settled yet: acknowledged, or given up after {@code maxTries} sends. A failed
 * send's callback only queues the task: the callback runs on the producer's I/O thread, which must
 * never block, so the owner thread sends it again (same id, same value) when it next looks.
 */
final class TaskSends {

  /** What becomes of each task; called from the owner thread and from the producer's callback. */
  interface Outcomes {
    void sending(String id);

    void acknowledged(String id, RecordMetadata metadata);

    void resending(String id, Exception error);

    void gaveUp(String id, Exception error);
  }

  private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  private final Producer<String, String> producer;
  private final String topic;
  private final int maxTries;
  private final Outcomes outcomes;
  // Bounds what waits in the producer's buffer or for a resend: a dead zone must not grow it
  // without end. The owner blocks (and keeps resending) while all permits are taken.
  private final Semaphore permits;
  private final AtomicInteger unsettled = new AtomicInteger();
  private final BlockingQueue<Failed> failed = new LinkedBlockingQueue<>();
  private final List<String> gaveUp = new ArrayList<>();
  private Exception firstError;
  private boolean closed;

  private record Attempt(String id, String value, int tries) {}

  private record Failed(Attempt attempt, Exception error) {}

  TaskSends(
      Producer<String, String> producer,
      String topic,
      int maxTries,
      int maxUnsettled,
      Outcomes outcomes) {
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be >= 1, was " + maxTries);
    }
    if (maxUnsettled < 1) {
      throw new IllegalArgumentException("maxUnsettled must be >= 1, was " + maxUnsettled);
    }
    this.producer = producer;
    this.topic = topic;
    this.maxTries = maxTries;
    this.outcomes = outcomes;
    this.permits = new Semaphore(maxUnsettled);
  }

  /** Sends a new task; blocks while too many are unsettled, resending failed ones meanwhile. */
  void send(String id, String value) {
    try {
      while (!permits.tryAcquire(LOOK_AGAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        resendFailed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before sending drill task " + id, e);
    }
    unsettled.incrementAndGet();
    dispatch(new Attempt(id, value, 1));
  }

  /** Sends again (or gives up on) every task whose send failed since the last look. */
  void resendFailed() {
    for (Failed next = failed.poll(); next != null; next = failed.poll()) {
      retry(next);
    }
  }

  /** Resends failed tasks as they come, for {@code time}: what the owner does between ticks. */
  void resendFor(Duration time) {
    long deadline = System.nanoTime() + time.toNanos();
    for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      Failed next = pollFailed(left);
      if (next != null) {
        retry(next);
      }
    }
  }

  /** Resends until every task is settled; false if some still are not after {@code timeout}. */
  boolean awaitSettled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (unsettled.get() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Failed next = pollFailed(Math.min(left, LOOK_AGAIN.toNanos()));
      if (next != null) {
        retry(next);
      }
    }
    return true;
  }

  /**
   * Stops resending: the tasks waiting for a resend are given up now, and a send still in flight is
   * given up when its callback reports an error. Nothing is dropped without being counted.
   */
  void giveUp() {
    List<Failed> left = new ArrayList<>();
    synchronized (this) {
      closed = true;
      failed.drainTo(left);
    }
    for (Failed f : left) {
      settleAsGivenUp(f.attempt(), f.error());
    }
  }

  /** The ids of this owner's tasks given up so far. */
  synchronized List<String> gaveUp() {
    return List.copyOf(gaveUp);
  }

  /** The first error a send of this owner reported, or null. */
  synchronized Exception firstError() {
    return firstError;
  }

  private void dispatch(Attempt attempt) {
    outcomes.sending(attempt.id());
    try {
      producer.send(
          new ProducerRecord<>(topic, attempt.id(), attempt.value()),
          (metadata, error) -> onResult(attempt, metadata, error));
    } catch (RuntimeException e) {
      // KafkaProducer reports most failures through the callback, but a closed producer or an
      // interrupted send throws; that task failed all the same and must not vanish.
      onResult(attempt, null, e);
    }
  }

  private void onResult(Attempt attempt, RecordMetadata metadata, Exception error) {
    if (error == null) {
      outcomes.acknowledged(attempt.id(), metadata);
      settle();
      return;
    }
    boolean giveUpNow;
    synchronized (this) {
      if (firstError == null) {
        firstError = error;
      }
      giveUpNow = closed;
      if (!closed) {
        failed.add(new Failed(attempt, error));
      }
    }
    if (giveUpNow) {
      settleAsGivenUp(attempt, error);
    }
  }

  private void retry(Failed next) {
    Attempt attempt = next.attempt();
    if (attempt.tries() >= maxTries) {
      settleAsGivenUp(attempt, next.error());
      return;
    }
    outcomes.resending(attempt.id(), next.error());
    dispatch(new Attempt(attempt.id(), attempt.value(), attempt.tries() + 1));
  }

  private void settleAsGivenUp(Attempt attempt, Exception error) {
    synchronized (this) {
      gaveUp.add(attempt.id());
    }
    outcomes.gaveUp(attempt.id(), error);
    settle();
  }

  private void settle() {
    unsettled.decrementAndGet();
    permits.release();
  }

  private Failed pollFailed(long nanos) {
    try {
      return failed.poll(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resending drill tasks", e);
    }
  }
}
