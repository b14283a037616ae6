package dev.lanes.console.internal.deadletters;

import dev.lanes.console.internal.ConsoleProblem;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * Turns what the dead-letter tools throw into answers: their {@link IllegalArgumentException}s name
 * what does not exist (a topic, a partition, an offset) and become 404 with the tools' message;
 * Kafka that does not answer, or a scan that stops advancing, becomes 503 with the banner.
 */
final class KafkaFailures {

  private KafkaFailures() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConsoleProblem problem) {
      throw problem;
    } catch (IllegalArgumentException e) {
      throw ConsoleProblem.notFound(e.getMessage());
    } catch (KafkaException | IllegalStateException e) {
      throw ConsoleProblem.kafkaUnavailable(
          "could not " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
