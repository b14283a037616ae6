package dev.lanes.tools.drill;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What became of each task, as seen from outside the workers: calls the fake dependency answered
 * 200 (the task's side effect happened), retry records the runtime wrote, and dead letters.
 */
final class TaskFates {

  private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, Integer> highestRetryAttempt = new ConcurrentHashMap<>();

  private final Map<String, Long> firstCompletedAt = new ConcurrentHashMap<>();

  void completed(String id) {
    firstCompletedAt.putIfAbsent(id, System.nanoTime());
    completions.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
  }

  /** When the dependency first answered 200 for {@code id} ({@link System#nanoTime()}), or null. */
  Long firstCompletedAt(String id) {
    return firstCompletedAt.get(id);
  }

  void deadLettered(String id) {
    deadLetters.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
  }

  /** A retry record for {@code id} that will run as {@code attempt}. */
  void retryScheduled(String id, int attempt) {
    highestRetryAttempt.merge(id, attempt, Math::max);
  }

  int completions(String id) {
    AtomicInteger count = completions.get(id);
    return count == null ? 0 : count.get();
  }

  int deadLetters(String id) {
    AtomicInteger count = deadLetters.get(id);
    return count == null ? 0 : count.get();
  }

  /** Completed at the dependency or dead-lettered: nothing more will happen to it. */
  boolean isDone(String id) {
    return completions.containsKey(id) || deadLetters.containsKey(id);
  }

  /**
   * Whether the record's attempt is over: the task completed, was dead-lettered, or has a retry
   * record for a later attempt. Any one of these lets the runtime commit past the record.
   */
  boolean isFinished(TaskRecord record) {
    return isDone(record.id())
        || highestRetryAttempt.getOrDefault(record.id(), 0) > record.attempt();
  }
}
