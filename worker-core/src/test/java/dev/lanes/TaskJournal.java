package dev.lanes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** What handlers did, recorded from worker threads for assertions in integration tests. */
final class TaskJournal {

  /** One finished handler call. */
  record Entry(
      String taskId,
      String type,
      String key,
      int partition,
      long offset,
      long startNanos,
      long endNanos,
      long createdAtMillis,
      long finishedAtMillis) {}

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();

  /** Wraps {@code handler} so every call that returns is journaled. */
  TaskHandler recording(TaskHandler handler) {
    return (task, context) -> {
      long start = System.nanoTime();
      handler.handle(task, context);
      entries.add(
          new Entry(
              task.id(),
              task.type(),
              context.key(),
              context.partition(),
              context.offset(),
              start,
              System.nanoTime(),
              task.createdAt().toEpochMilli(),
              System.currentTimeMillis()));
    };
  }

  int count() {
    return entries.size();
  }

  List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  Set<String> ids() {
    return entries.stream().map(Entry::taskId).collect(Collectors.toSet());
  }

  /** Ids of tasks any of the journals saw. */
  static Set<String> union(TaskJournal... journals) {
    Set<String> all = new HashSet<>();
    for (TaskJournal journal : journals) {
      all.addAll(journal.ids());
    }
    return all;
  }
}
