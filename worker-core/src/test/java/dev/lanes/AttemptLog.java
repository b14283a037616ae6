package dev.lanes;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** Every handler call with its attempt, source topic and wall-clock times, for retry tests. */
final class AttemptLog {

  /** One call: when it started and when it ended, and whether it returned (or threw). */
  record Call(
      String taskId,
      int attempt,
      String topic,
      int partition,
      long startMillis,
      long endMillis,
      boolean succeeded) {}

  /** What the wrapped handler does on one call. */
  @FunctionalInterface
  interface Behaviour {
    void run(Task task, TaskContext context) throws Exception;
  }

  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

  /** A handler that logs every call, failed or not, then behaves as told. */
  TaskHandler handler(Behaviour behaviour) {
    return (task, context) -> {
      long start = System.currentTimeMillis();
      boolean succeeded = false;
      try {
        behaviour.run(task, context);
        succeeded = true;
      } finally {
        calls.add(
            new Call(
                task.id(),
                context.attempt(),
                context.topic(),
                context.partition(),
                start,
                System.currentTimeMillis(),
                succeeded));
      }
    };
  }

  List<Call> of(String taskId) {
    return calls.stream()
        .filter(call -> call.taskId().equals(taskId))
        .sorted(Comparator.comparingInt(Call::attempt))
        .toList();
  }

  int count() {
    return calls.size();
  }

  /** Ids of the tasks that succeeded at least once. */
  Set<String> succeeded() {
    return calls.stream().filter(Call::succeeded).map(Call::taskId).collect(Collectors.toSet());
  }

  /** Ids of the tasks that succeeded, whose id starts with {@code prefix}. */
  long succeededWithPrefix(String prefix) {
    return succeeded().stream().filter(id -> id.startsWith(prefix)).count();
  }

  long countOf(String taskId) {
    return calls.stream().filter(call -> call.taskId().equals(taskId)).count();
  }
}
