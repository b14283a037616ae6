package dev.lanes.app.status;

import static dev.lanes.app.status.FleetStatusTest.NOW;
import static dev.lanes.app.status.FleetStatusTest.lane;
import static dev.lanes.app.status.FleetStatusTest.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.fleet.WorkerReport.LaneReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetSurveyTest {

  private static final List<LaneConfig> CATALOG =
      List.of(
          LaneConfig.of("realtime", "tasks.realtime").withGroupId("custom.realtime"),
          LaneConfig.of("batch", "tasks.batch"));

  @Test
  void theCatalogsLanesComeFirstAsConfiguredThenLanesOnlyALiveWorkerRuns() {
    LaneReport reports =
        new LaneReport(
            "reports", "reports.group", List.of("tasks.reports-0"), 0, 0, 0, 0, List.of());
    FleetState fleet =
        FleetState.of(
            Map.of("w1", worker("w1", NOW, lane("batch", 0, 0), reports, lane("realtime", 1, 2))),
            Map.of());

    List<LaneConfig> lanes = FleetSurvey.lanes(CATALOG, fleet, NOW);

    assertThat(lanes).extracting(LaneConfig::name).containsExactly("realtime", "batch", "reports");
    assertThat(lanes.get(0).groupId()).isEqualTo("custom.realtime");
    assertThat(lanes.get(2).topic()).isEqualTo("tasks.reports");
    assertThat(lanes.get(2).groupId()).isEqualTo("reports.group");
  }

  @Test
  void aGoneWorkersLanesAreNotMeasured() {
    FleetState fleet =
        FleetState.of(
            Map.of("w1", worker("w1", NOW.minusSeconds(60), lane("old", 0, 0))), Map.of());

    assertThat(FleetSurvey.lanes(CATALOG, fleet, NOW))
        .extracting(LaneConfig::name)
        .containsExactly("realtime", "batch");
  }

  @Test
  void aLaneNameLanesWouldNotGiveIsListedByStatusButNotMeasured() {
    LaneReport foreign = new LaneReport("Not A Lane!", "g", List.of(), 0, 0, 0, 0, List.of());
    FleetState fleet = FleetState.of(Map.of("w1", worker("w1", NOW, foreign)), Map.of());

    assertThat(FleetSurvey.lanes(CATALOG, fleet, NOW))
        .extracting(LaneConfig::name)
        .containsExactly("realtime", "batch");
  }
}
