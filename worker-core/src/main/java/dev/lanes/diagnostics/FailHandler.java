package dev.lanes.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.NonRetryableException;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.TaskHandler;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * {@code {"failAttempts": 2, "fatal": false, "probability": 1.0}}: fails attempts 1 to {@code
 * failAttempts} and succeeds after them ({@code -1} fails every attempt). {@code fatal} makes the
 * failure non-retryable; {@code probability} makes each of those attempts fail only at random.
 */
final class FailHandler implements TaskHandler {

  static final long ALWAYS = -1;

  private final DoubleSupplier random;

  FailHandler() {
    this(() -> ThreadLocalRandom.current().nextDouble());
  }

  FailHandler(DoubleSupplier random) {
    this.random = random;
  }

  @Override
  public void handle(Task task, TaskContext context) {
    JsonNode payload = task.payload();
    long failAttempts = PayloadFields.longField(payload, "failAttempts", 2, ALWAYS);
    boolean fatal = PayloadFields.booleanField(payload, "fatal", false);
    double probability = PayloadFields.probabilityField(payload, "probability", 1.0);

    boolean attemptFails = failAttempts == ALWAYS || context.attempt() <= failAttempts;
    if (attemptFails && random.getAsDouble() < probability) {
      String message =
          "diagnostic failure on attempt "
              + context.attempt()
              + " (failAttempts="
              + failAttempts
              + ")";
      throw fatal ? new NonRetryableException(message) : new DiagnosticFailure(message);
    }
  }
}
