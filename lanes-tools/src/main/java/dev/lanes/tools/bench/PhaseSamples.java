package dev.lanes.tools.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Latencies by phase, and the distinct tasks seen: a task handled twice counts once, so "lost" is
 * what was sent and never seen.
 */
final class PhaseSamples {

  private final Map<String, List<Long>> byPhase = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** Records a task's latency in its phase, unless the task was seen before (a redelivery). */
  void add(String phase, String taskId, long millis) {
    if (seen.add(taskId)) {
      byPhase.computeIfAbsent(phase, p -> new CopyOnWriteArrayList<>()).add(millis);
    }
  }

  int seen() {
    return seen.size();
  }

  int count(String phase) {
    List<Long> list = byPhase.get(phase);
    return list == null ? 0 : list.size();
  }

  long[] sorted(String phase) {
    List<Long> list = byPhase.get(phase);
    return list == null ? new long[0] : list.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  long p50(String phase) {
    return RetryDelayScenario.percentile(sorted(phase), 0.50);
  }

  long p99(String phase) {
    return RetryDelayScenario.percentile(sorted(phase), 0.99);
  }
}
