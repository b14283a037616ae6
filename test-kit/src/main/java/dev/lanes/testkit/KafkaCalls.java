package dev.lanes.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/** Blocks on a Kafka client future and turns its checked failures into unchecked ones. */
final class KafkaCalls {

  /** How long any single admin or produce call may take before the test fails. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaCalls() {}

  /**
   * Waits for {@code future}; on failure throws a {@link KafkaException} whose message starts with
   * {@code action}, e.g. "describe topic orders", and whose cause is Kafka's own error.
   */
  static <T> T await(Future<T> future, String action) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted during: " + action, e);
    } catch (ExecutionException e) {
      throw new KafkaException("Failed to " + action + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("Timed out after " + TIMEOUT + " trying to " + action, e);
    }
  }
}
