package dev.lanes.topics;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** One time budget shared by all Admin calls of a provisioning run, so the total stays bounded. */
final class Deadline {

  private final Duration timeout;
  private final long endNanos;

  private Deadline(Duration timeout) {
    this.timeout = timeout;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  static Deadline after(Duration timeout) {
    return new Deadline(timeout);
  }

  Duration timeout() {
    return timeout;
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /**
   * The future's value. Kafka errors come back as {@link ExecutionException} for the caller to
   * inspect (some, like "topic exists", are expected); running out of time or being interrupted
   * ends the run.
   */
  <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
    try {
      return future.get(remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TopicProvisioningException(what + " did not finish within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicProvisioningException("interrupted during " + what, e);
    }
  }
}
