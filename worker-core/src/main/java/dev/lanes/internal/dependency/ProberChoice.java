package dev.lanes.internal.dependency;

import dev.lanes.fleet.WorkerReport;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which worker of the fleet probes a dependency whose breaker is open: among the live workers whose
 * partitions wait on it (this worker included when its own do), the one that started first; ties go
 * to the smallest worker id. Stable as workers join (a newcomer never probes while an older worker
 * waits), it needs no group and no topic beyond {@code lanes.fleet}, and a dead prober is replaced
 * once its report is too old to count as live. Every worker computes it alike from the same
 * reports, so no vote is needed.
 *
 * <p>The worker holding the probe (the writer of the fleet's latest OPEN or HALF_OPEN) counts as
 * waiting: while its probe runs, the partition it resumed for it is not paused, and a prober whose
 * only waiting partition that was would otherwise look idle in its report, and the next worker
 * would probe too.
 */
final class ProberChoice {

  private static final Comparator<Candidate> FIRST_STARTED =
      Comparator.comparing(Candidate::startedAt).thenComparing(Candidate::workerId);

  private ProberChoice() {}

  /**
   * The prober's id, or empty when no live worker waits on {@code dependency} (then nobody needs a
   * probe). Whether {@code self} waits is what it knows now, not what its last report said; {@code
   * holder} (or null) is the worker that holds the probe now, and counts as waiting.
   */
  static Optional<String> prober(
      String dependency,
      Collection<WorkerReport> live,
      Instant now,
      String self,
      Instant selfStartedAt,
      boolean selfWaits,
      String holder) {
    Optional<Candidate> others =
        live.stream()
            .filter(report -> !report.workerId().equals(self))
            .filter(
                report ->
                    report.isLive(now)
                        && (report.waitsOn(dependency) || report.workerId().equals(holder)))
            .map(report -> new Candidate(report.workerId(), report.startedAt()))
            .min(FIRST_STARTED);
    // The start time others read in our report, so that every worker ranks us alike.
    Instant started =
        live.stream()
            .filter(report -> report.workerId().equals(self))
            .map(WorkerReport::startedAt)
            .findFirst()
            .orElse(selfStartedAt);
    Optional<Candidate> me =
        selfWaits || self.equals(holder)
            ? Optional.of(new Candidate(self, started))
            : Optional.empty();
    return others
        .map(other -> me.filter(mine -> FIRST_STARTED.compare(mine, other) < 0).orElse(other))
        .or(() -> me)
        .map(Candidate::workerId);
  }

  private record Candidate(String workerId, Instant startedAt) {}
}
