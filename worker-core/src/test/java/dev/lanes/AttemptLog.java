package dev.lanes;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every handler call with its attempt, source topic and wall-clock times, for retry tests. */
final class AttemptLog {

  /** One call: when it started and when it ended (returned or threw). */
  record Call(String taskId, int attempt, String topic, long startMillis, long endMillis) {}

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
      try {
        behaviour.run(task, context);
      } finally {
        calls.add(
            new Call(
                task.id(), context.attempt(), context.topic(), start, System.currentTimeMillis()));
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

  long countOf(String taskId) {
    return calls.stream().filter(call -> call.taskId().equals(taskId)).count();
  }
}
