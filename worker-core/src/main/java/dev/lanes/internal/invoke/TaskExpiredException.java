package dev.lanes.internal.invoke;

import java.time.Instant;

/**
 * Why a task went to the dead-letter topic without running: its deadline (its own, or its {@code
 * createdAt} plus the lane's maximum task age) had passed when it would have started. Carried in
 * the dead letter's exception headers, so an operator sees both times.
 */
final class TaskExpiredException extends RuntimeException {

  TaskExpiredException(String taskId, Instant deadline, long startMillis) {
    super(
        "task "
            + taskId
            + " expired: deadline "
            + deadline
            + " had passed when it would have started at "
            + Instant.ofEpochMilli(startMillis),
        null,
        false,
        false); // no stack trace: the task never ran, so no code failed
  }
}
