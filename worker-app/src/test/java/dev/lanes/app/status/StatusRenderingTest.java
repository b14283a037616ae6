package dev.lanes.app.status;

import static dev.lanes.app.status.FleetStatusTest.NOW;
import static dev.lanes.app.status.FleetStatusTest.lane;
import static dev.lanes.app.status.FleetStatusTest.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRenderingTest {

  private static FleetStatus status() {
    FleetState fleet =
        FleetState.of(
            Map.of(
                "w1",
                worker(
                    "w1",
                    NOW.minusSeconds(3),
                    lane("batch", 2, 4.25, PausedPartition.onDependency("tasks.batch-0", "pay"))),
                "old",
                worker("old", NOW.minusSeconds(600), lane("batch", 0, 0))),
            Map.of(
                "pay",
                new DependencyReport(
                    "pay",
                    DependencyReport.OPEN,
                    NOW.plusSeconds(20),
                    "w1",
                    "timeout\nafter 2s",
                    NOW.minusSeconds(75))));
    Map<String, LaneLag> lags =
        Map.of(
            "batch", new LaneLag("batch", 2, Map.of("tasks.batch-0", 40L, "tasks.batch-1", 2L), 3));
    return FleetStatus.of(fleet, List.of("batch", "realtime"), lags, NOW);
  }

  @Test
  void screenShowsAlignedWorkersLanesDependenciesAndProblems() {
    List<String> lines = StatusScreen.lines(status(), NOW);

    assertThat(lines)
        .containsExactly(
            "WORKERS (1 live)",
            "WORKER  HOST    ZONE    LANES  UP SINCE              LAST SEEN",
            "w1      pod-w1  zone-a  batch  2026-12-01T08:00:00Z  3s ago",
            "1 worker gone (no report for 3 intervals)",
            "",
            "LANES",
            "LANE      PARTITIONS  LAG  LAG (NOT PAUSED)  IN FLIGHT  TASKS/S  DLT (1H)  WORKERS",
            "batch     2           42   2                 2          4.3      3         1",
            "realtime  -           -    -                 0          0.0      0         0",
            "",
            "DEPENDENCIES",
            "DEPENDENCY  STATE  SINCE      BY  UNTIL                 PAUSED  REASON",
            "pay         OPEN   1m15s ago  w1  2026-12-01T10:00:20Z  w1:1    timeout\\nafter 2s",
            "",
            "PROBLEM: dependency pay is OPEN",
            "PROBLEM: lane realtime has no live worker");
  }

  @Test
  void jsonIsOneDocumentWithSnakeCaseFields() throws Exception {
    String document = StatusJson.document(status());

    assertThat(document).doesNotContain("\n");
    JsonNode root = new ObjectMapper().readTree(document);
    assertThat(root.get("healthy").booleanValue()).isFalse();
    assertThat(root.get("gone_workers").intValue()).isEqualTo(1);
    assertThat(root.get("problems")).hasSize(2);
    JsonNode worker = root.get("workers").get(0);
    assertThat(worker.get("worker_id").textValue()).isEqualTo("w1");
    assertThat(worker.get("lanes").get(0).textValue()).isEqualTo("batch");
    assertThat(worker.get("updated_at").textValue()).isEqualTo("2026-12-01T09:59:57Z");
    JsonNode lane = root.get("lanes").get(0);
    assertThat(lane.get("lag").longValue()).isEqualTo(42);
    assertThat(lane.get("lag_excluding_paused").longValue()).isEqualTo(2);
    assertThat(lane.get("in_flight").intValue()).isEqualTo(2);
    assertThat(lane.get("tasks_per_second").doubleValue()).isEqualTo(4.25);
    assertThat(lane.get("dead_letters_last_hour").longValue()).isEqualTo(3);
    assertThat(lane.get("live_workers").intValue()).isEqualTo(1);
    assertThat(root.get("lanes").get(1).get("lag").isNull()).isTrue();
    JsonNode dependency = root.get("dependencies").get(0);
    assertThat(dependency.get("state").textValue()).isEqualTo("OPEN");
    assertThat(dependency.get("by").textValue()).isEqualTo("w1");
    assertThat(dependency.get("since").textValue()).isEqualTo("2026-12-01T09:58:45Z");
    assertThat(dependency.get("until").textValue()).isEqualTo("2026-12-01T10:00:20Z");
    assertThat(dependency.get("paused_partitions").get("w1").intValue()).isEqualTo(1);
  }

  @Test
  void healthyFleetEndsWithHealthy() {
    FleetState fleet =
        FleetState.of(Map.of("w1", worker("w1", NOW, lane("batch", 0, 0))), Map.of());
    FleetStatus status = FleetStatus.of(fleet, List.of("batch"), Map.of(), NOW);

    List<String> lines = StatusScreen.lines(status, NOW);

    assertThat(lines).contains("no dependency reported").endsWith("healthy");
  }
}
