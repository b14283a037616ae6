package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final DrillReport CLEAN =
      new DrillReport("zone-loss", 12000, 12000, 0, List.of(), 37);

  @Test
  void reportLineCarriesEveryFigureOfABrokerScenario() {
    ScenarioResult result =
        new ScenarioResult(
            "zone-loss",
            CLEAN,
            new WaitFigures(41L, 2210L, 45L, 14.0),
            new ProduceFigures(3, 2, 1),
            8.24,
            List.of(),
            List.of());

    assertThat(result.reportLine())
        .isEqualTo(
            "drill=zone-loss produced=12000 completed=12000 dead-lettered=0 lost=0 duplicates=37"
                + " produce-errors=3 resent=2 unacknowledged=1"
                + " realtime-p99-ms before=41 during=2210 after=45 recovery-s=14.0 in-sync-s=8.2");
  }

  @Test
  void reportLinePrintsNullFiguresAsDashesLeavesOutInSyncAndNamesTheFirstLost() {
    DrillReport lossy = new DrillReport("worker-kill", 5, 3, 0, List.of("r4", "r5"), 0);
    ScenarioResult result =
        new ScenarioResult(
            "worker-kill",
            lossy,
            new WaitFigures(40L, null, null, null),
            new ProduceFigures(0, 0, 0),
            null,
            null,
            null);

    assertThat(result.reportLine())
        .isEqualTo(
            "drill=worker-kill produced=5 completed=3 dead-lettered=0 lost=2 duplicates=0"
                + " produce-errors=0 resent=0 unacknowledged=0"
                + " realtime-p99-ms before=40 during=- after=- recovery-s=- first-lost=[r4, r5]");
  }

  @Test
  void jsonHasTheSnakeCaseKeysWindowsFromTheStartAndNullsForMissingFigures() {
    ScenarioResult result =
        new ScenarioResult(
            "frozen-broker",
            new DrillReport("frozen-broker", 10, 9, 0, List.of("r7"), 2),
            new WaitFigures(41L, null, 45L, null),
            new ProduceFigures(4, 4, 0),
            null,
            List.of(
                new WaitWindow(T0, T0 + 10_000, 95, 41L),
                new WaitWindow(T0 + 10_000, T0 + 15_000, 0, null)),
            List.of("+35.2s froze zone-b"));

    Map<String, Object> json = result.toJson();

    assertThat(json.keySet())
        .containsExactly(
            "produced",
            "completed",
            "dead_lettered",
            "lost",
            "first_lost",
            "duplicates",
            "produce_errors",
            "resent",
            "unacknowledged",
            "realtime_p99_ms_before",
            "realtime_p99_ms_during",
            "realtime_p99_ms_after",
            "recovery_s",
            "in_sync_s",
            "windows",
            "events");
    assertThat(json)
        .containsEntry("produced", 10)
        .containsEntry("completed", 9)
        .containsEntry("dead_lettered", 0)
        .containsEntry("lost", 1)
        .containsEntry("first_lost", List.of("r7"))
        .containsEntry("duplicates", 2)
        .containsEntry("produce_errors", 4)
        .containsEntry("resent", 4)
        .containsEntry("unacknowledged", 0)
        .containsEntry("realtime_p99_ms_before", 41L)
        .containsEntry("realtime_p99_ms_during", null)
        .containsEntry("realtime_p99_ms_after", 45L)
        .containsEntry("recovery_s", null)
        .containsEntry("in_sync_s", null)
        .containsEntry("events", List.of("+35.2s froze zone-b"));
    assertThat(json.get("windows"))
        .isEqualTo(
            List.of(
                Map.of("from_s", 0.0, "to_s", 10.0, "tasks", 95, "p99_ms", 41L),
                windowWithoutTasks(10.0, 15.0)));
  }

  private static Map<String, Object> windowWithoutTasks(double from, double to) {
    Map<String, Object> window = new java.util.LinkedHashMap<>();
    window.put("from_s", from);
    window.put("to_s", to);
    window.put("tasks", 0);
    window.put("p99_ms", null);
    return window;
  }
}
