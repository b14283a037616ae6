package dev.lanes.tools.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A drill's outcome: every produced task must have completed at the dependency or reached the
 * dead-letter topic. A task that did both, or either more than once, counts as a duplicate: at
 * least once allows them, and the drill reports how many.
 */
record DrillReport(
    String drill,
    int produced,
    int completed,
    int deadLettered,
    List<String> lost,
    int duplicates) {

  static DrillReport of(String drill, Set<String> produced, TaskFates fates) {
    int completed = 0;
    int deadLettered = 0;
    int duplicates = 0;
    List<String> lost = new ArrayList<>();
    for (String id : new TreeSet<>(produced)) {
      int completions = fates.completions(id);
      int deadLetters = fates.deadLetters(id);
      completed += completions > 0 ? 1 : 0;
      deadLettered += deadLetters > 0 ? 1 : 0;
      duplicates += Math.max(0, completions + deadLetters - 1);
      if (completions + deadLetters == 0) {
        lost.add(id);
      }
    }
    return new DrillReport(drill, produced.size(), completed, deadLettered, lost, duplicates);
  }

  @Override
  public String toString() {
    return "drill="
        + drill
        + " produced="
        + produced
        + " completed="
        + completed
        + " dead-lettered="
        + deadLettered
        + " lost="
        + lost.size()
        + " duplicates="
        + duplicates
        + (lost.isEmpty() ? "" : " first-lost=" + lost.subList(0, Math.min(10, lost.size())));
  }
}
