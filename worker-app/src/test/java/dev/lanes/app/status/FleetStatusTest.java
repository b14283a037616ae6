package dev.lanes.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.DependencyView;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetStatusTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(5);

  static WorkerReport worker(String id, Instant updatedAt, LaneReport... lanes) {
    return worker(id, updatedAt, List.of(), lanes);
  }

  static WorkerReport worker(
      String id, Instant updatedAt, List<DependencyView> dependencies, LaneReport... lanes) {
    return new WorkerReport(
        id,
        "pod-" + id,
        "zone-a",
        "1.0",
        NOW.minus(Duration.ofHours(2)),
        updatedAt,
        INTERVAL,
        List.of(lanes),
        dependencies);
  }

  static LaneReport lane(String lane, int inFlight, double perSecond, PausedPartition... paused) {
    return new LaneReport(
        lane,
        "lanes." + lane,
        List.of("tasks." + lane + "-0"),
        inFlight,
        0,
        0,
        perSecond,
        List.of(paused));
  }

  static LaneLag lag(String lane, Map<String, Long> byPartition, long deadLetters) {
    return new LaneLag(lane, 2, byPartition, deadLetters);
  }

  @Test
  void aReportOlderThanThreeIntervalsIsCountedGoneNotLive() {
    FleetState fleet =
        FleetState.of(
            Map.of(
                "w1", worker("w1", NOW.minusSeconds(15), lane("batch", 0, 0)),
                "w2", worker("w2", NOW.minusSeconds(16), lane("batch", 0, 0))),
            Map.of());

    FleetStatus status = FleetStatus.of(fleet, List.of("batch"), Map.of(), NOW);

    assertThat(status.workers()).extracting(WorkerReport::workerId).containsExactly("w1");
    assertThat(status.goneWorkers()).isEqualTo(1);
    assertThat(status.lanes().get(0).liveWorkers()).isEqualTo(1);
  }

  @Test
  void laneSumsLiveReportsAndSubtractsTheLagOfPartitionsPausedOnADependency() {
    FleetState fleet =
        FleetState.of(
            Map.of(
                "w1",
                worker(
                    "w1",
                    NOW,
                    lane(
                        "batch",
                        3,
                        10.5,
                        PausedPartition.onDependency("tasks.batch-0", "payments"),
                        new PausedPartition("tasks.batch-1", PausedPartition.BACKPRESSURE, null))),
                "w2",
                worker("w2", NOW, lane("batch", 4, 2.0)),
                "gone",
                worker("gone", NOW.minusSeconds(60), lane("batch", 100, 100))),
            Map.of());
    Map<String, LaneLag> lags =
        Map.of(
            "batch",
            lag(
                "batch",
                Map.of("tasks.batch-0", 7L, "tasks.batch-1", 5L, "tasks.batch.retry.1-0", 1L),
                9));

    FleetStatus.LaneRow row = FleetStatus.of(fleet, List.of("batch"), lags, NOW).lanes().get(0);

    assertThat(row.lag()).isEqualTo(13);
    assertThat(row.lagExcludingPaused()).isEqualTo(6);
    assertThat(row.inFlight()).isEqualTo(7);
    assertThat(row.tasksPerSecond()).isEqualTo(12.5);
    assertThat(row.deadLettersLastHour()).isEqualTo(9);
    assertThat(row.liveWorkers()).isEqualTo(2);
    assertThat(row.partitions()).isEqualTo(2);
  }

  @Test
  void catalogLanesComeFirstThenLanesOnlyAWorkerReports() {
    FleetState fleet =
        FleetState.of(
            Map.of("w1", worker("w1", NOW, lane("extra", 0, 0), lane("batch", 0, 0))), Map.of());

    FleetStatus status = FleetStatus.of(fleet, List.of("realtime", "batch"), Map.of(), NOW);

    assertThat(status.lanes())
        .extracting(FleetStatus.LaneRow::lane)
        .containsExactly("realtime", "batch", "extra");
    assertThat(status.lanes().get(0).lag()).isNull();
  }

  @Test
  void allLanesServedAndNoDependencyOpenIsHealthy() {
    FleetState fleet =
        FleetState.of(
            Map.of("w1", worker("w1", NOW, lane("batch", 0, 0))),
            Map.of(
                "payments",
                new DependencyReport(
                    "payments", DependencyReport.CLOSED, null, "w1", "probe ok", NOW)));

    FleetStatus status = FleetStatus.of(fleet, List.of("batch"), Map.of(), NOW);

    assertThat(status.healthy()).isTrue();
    assertThat(status.problems()).isEmpty();
  }

  @Test
  void anOpenOrHalfOpenDependencyAndALaneWithoutLiveWorkerAreProblems() {
    FleetState fleet =
        FleetState.of(
            Map.of(
                "w1",
                worker(
                    "w1",
                    NOW,
                    List.of(new DependencyView("payments", "OPEN", NOW, 1, true)),
                    lane(
                        "batch", 0, 0, PausedPartition.onDependency("tasks.batch-0", "payments")))),
            Map.of(
                "payments",
                new DependencyReport(
                    "payments",
                    DependencyReport.OPEN,
                    NOW.plusSeconds(30),
                    "w1",
                    "5 failures",
                    NOW.minusSeconds(10)),
                "email",
                new DependencyReport(
                    "email", DependencyReport.HALF_OPEN, null, "w1", "probing", NOW)));

    FleetStatus status = FleetStatus.of(fleet, List.of("batch", "realtime"), Map.of(), NOW);

    assertThat(status.healthy()).isFalse();
    assertThat(status.problems())
        .containsExactly(
            "dependency email is HALF_OPEN",
            "dependency payments is OPEN",
            "lane realtime has no live worker");
    FleetStatus.DependencyRow payments = status.dependencies().get(1);
    assertThat(payments.by()).isEqualTo("w1");
    assertThat(payments.since()).isEqualTo(NOW.minusSeconds(10));
    assertThat(payments.until()).isEqualTo(NOW.plusSeconds(30));
    assertThat(payments.pausedByWorker()).containsExactly(Map.entry("w1", 1));
  }

  @Test
  void aDependencyWithoutFleetStateShowsTheWorstStateALiveWorkerReports() {
    FleetState fleet =
        FleetState.of(
            Map.of(
                "w1",
                worker("w1", NOW, List.of(new DependencyView("local", "CLOSED", NOW, 0, false))),
                "w2",
                worker(
                    "w2",
                    NOW,
                    List.of(new DependencyView("local", "OPEN", NOW.minusSeconds(5), 2, false)))),
            Map.of());

    FleetStatus status = FleetStatus.of(fleet, List.of(), Map.of(), NOW);

    FleetStatus.DependencyRow local = status.dependencies().get(0);
    assertThat(local.state()).isEqualTo("OPEN");
    assertThat(local.by()).isNull();
    assertThat(local.pausedByWorker()).containsExactly(Map.entry("w2", 2));
    assertThat(status.problems()).containsExactly("dependency local is OPEN");
  }
}
