package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProberChoiceTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @Test
  void theWaitingWorkerThatStartedFirstProbes() {
    List<WorkerReport> live =
        List.of(
            worker("w-b", NOW.minusSeconds(60), true),
            worker("w-a", NOW.minusSeconds(30), true),
            worker("w-c", NOW.minusSeconds(90), false));

    assertThat(ProberChoice.prober("api", live, NOW, "w-d", NOW, true, null)).contains("w-b");
  }

  @Test
  void workersThatStartedTogetherAreRankedByTheirId() {
    Instant started = NOW.minusSeconds(60);
    List<WorkerReport> live = List.of(worker("w-c", started, true), worker("w-a", started, true));

    assertThat(ProberChoice.prober("api", live, NOW, "w-b", started, true, null)).contains("w-a");
    assertThat(ProberChoice.prober("api", live, NOW, "w-0", started, true, null)).contains("w-0");
  }

  @Test
  void thisWorkerCountsOnlyWhileItsOwnPartitionsWait() {
    List<WorkerReport> live = List.of(worker("w-b", NOW.minusSeconds(10), true));
    Instant earlier = NOW.minusSeconds(60);

    assertThat(ProberChoice.prober("api", live, NOW, "w-a", earlier, true, null)).contains("w-a");
    assertThat(ProberChoice.prober("api", live, NOW, "w-a", earlier, false, null)).contains("w-b");
  }

  @Test
  void whatThisWorkerKnowsOfItsWaitingBeatsItsLastReport() {
    // Its report still says it waits, but its partitions have moved on.
    List<WorkerReport> live =
        List.of(worker("w-a", NOW.minusSeconds(60), true), worker("w-b", NOW, true));

    assertThat(ProberChoice.prober("api", live, NOW, "w-a", NOW, false, null)).contains("w-b");
  }

  @Test
  void aDeadProberIsReplacedOnceItsReportIsThreeIntervalsOld() {
    WorkerReport oldest = worker("w-a", NOW.minusSeconds(600), true);
    // w-a stopped reporting at NOW; w-b goes on.
    WorkerReport younger = worker("w-b", NOW.minusSeconds(60), true, NOW.plusSeconds(10));
    List<WorkerReport> live = List.of(oldest, younger);

    assertThat(ProberChoice.prober("api", live, NOW, "w-c", NOW, true, null)).contains("w-a");
    Instant later = oldest.updatedAt().plus(INTERVAL.multipliedBy(3)).plusMillis(1);
    assertThat(ProberChoice.prober("api", live, later, "w-c", NOW, true, null)).contains("w-b");
  }

  @Test
  void withoutAnyViewOfTheFleetAWaitingWorkerProbesItself() {
    assertThat(ProberChoice.prober("api", List.of(), NOW, "w-a", NOW, true, null)).contains("w-a");
    assertThat(ProberChoice.prober("api", List.of(), NOW, "w-a", NOW, false, null)).isEmpty();
  }

  @Test
  void aWorkerWaitingOnAnotherDependencyIsNoCandidate() {
    List<WorkerReport> live = List.of(worker("w-a", NOW.minusSeconds(60), true));

    assertThat(ProberChoice.prober("payments", live, NOW, "w-b", NOW, true, null)).contains("w-b");
  }

  @Test
  void theWorkerHoldingTheProbeStaysTheProberWhileItsProbedPartitionRuns() {
    // w-old's one waiting partition runs its probe, so its report shows nothing paused right now.
    List<WorkerReport> live =
        List.of(
            worker("w-old", NOW.minusSeconds(90), false),
            worker("w-new", NOW.minusSeconds(10), true));

    assertThat(ProberChoice.prober("api", live, NOW, "w-new", NOW.minusSeconds(10), true, null))
        .as("without a holder the next waiting worker would probe too")
        .contains("w-new");
    assertThat(ProberChoice.prober("api", live, NOW, "w-new", NOW.minusSeconds(10), true, "w-old"))
        .contains("w-old");
    assertThat(
            ProberChoice.prober(
                "api", List.of(live.get(1)), NOW, "w-old", NOW.minusSeconds(90), false, "w-old"))
        .as("the holder itself")
        .contains("w-old");
  }

  static WorkerReport worker(String id, Instant startedAt, boolean waitsOnApi) {
    return worker(id, startedAt, waitsOnApi, NOW);
  }

  static WorkerReport worker(String id, Instant startedAt, boolean waitsOnApi, Instant updatedAt) {
    List<PausedPartition> paused =
        waitsOnApi ? List.of(PausedPartition.onDependency("tasks-0", "api")) : List.of();
    return new WorkerReport(
        id,
        "host-" + id,
        null,
        "test",
        startedAt,
        updatedAt,
        INTERVAL,
        List.of(
            new LaneReport("realtime", "lanes.realtime", List.of("tasks-0"), 0, 0, 0, 0, paused)),
        List.of());
  }
}
