package dev.lanes.internal.invoke;

import dev.lanes.retry.Destination;

/**
 * A failed record's way out of its partition, as the invoker decided it.
 *
 * @param topic the retry or dead-letter topic
 * @param destination why there, and when it is due
 * @param attempt the attempt that failed
 * @param error the failure, or the decoding error of a record that is not a task
 * @param decidedAtMillis when the decision was made; due times count from it
 */
public record ForwardRequest(
    String topic, Destination destination, int attempt, Throwable error, long decidedAtMillis)
    implements Outcome {

  public boolean isDeadLetter() {
    return destination instanceof Destination.DeadLetter;
  }
}
