package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.app.status.FleetStatus.DependencyRow;
import dev.lanes.app.status.FleetStatus.LaneRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewJsonTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:15:42Z");
  private static final MinuteBuckets HOUR = MinuteBuckets.endingWithMinuteOf(NOW);

  @Test
  void lanesCarryStatusFiguresPartitionLagAndSixtyMinuteSeries() throws Exception {
    long[] retries = new long[60];
    retries[59] = 3;
    long[] deadLetters = new long[60];
    deadLetters[0] = 1;
    LaneView lane =
        new LaneView(
            new LaneRow("realtime", 2, 7L, 4L, 3, 12.5, 1, 1),
            "tasks.realtime",
            Map.of("tasks.realtime-1", 3L, "tasks.realtime-0", 4L),
            retries,
            deadLetters,
            Chart.of("realtime", HOUR, retries, deadLetters));
    DependencyRow payments =
        new DependencyRow(
            "payments", "OPEN", NOW, "worker-1", null, "5 failures", Map.of("worker-1", 1));
    Overview overview =
        new Overview(
            NOW,
            HOUR,
            true,
            List.of(lane),
            List.of(payments),
            2,
            List.of("dependency payments is OPEN"));

    JsonNode json = new ObjectMapper().readTree(OverviewJson.document(overview));

    JsonNode node = json.get("lanes").get(0);
    assertThat(node.get("lane").textValue()).isEqualTo("realtime");
    assertThat(node.get("partitions").intValue()).isEqualTo(2);
    assertThat(node.get("lag").longValue()).isEqualTo(7);
    assertThat(node.get("lag_excluding_paused").longValue()).isEqualTo(4);
    assertThat(node.get("in_flight").intValue()).isEqualTo(3);
    assertThat(node.get("tasks_per_second").doubleValue()).isEqualTo(12.5);
    assertThat(node.get("live_workers").intValue()).isEqualTo(1);
    assertThat(node.get("dead_letters_last_hour").longValue()).isEqualTo(1);
    assertThat(node.get("partition_lag").get("tasks.realtime-0").longValue()).isEqualTo(4);
    assertThat(node.get("partition_lag").fieldNames())
        .toIterable()
        .containsExactly("tasks.realtime-0", "tasks.realtime-1");
    assertThat(node.get("retries_per_minute")).hasSize(60);
    assertThat(node.get("retries_per_minute").get(59).longValue()).isEqualTo(3);
    assertThat(node.get("dead_letters_per_minute").get(0).longValue()).isEqualTo(1);
    JsonNode dependency = json.get("dependencies").get(0);
    assertThat(dependency.get("name").textValue()).isEqualTo("payments");
    assertThat(dependency.get("state").textValue()).isEqualTo("OPEN");
    assertThat(dependency.get("since").textValue()).isEqualTo(NOW.toString());
    assertThat(dependency.get("by").textValue()).isEqualTo("worker-1");
    assertThat(dependency.get("reason").textValue()).isEqualTo("5 failures");
    assertThat(dependency.get("paused_partitions").get("worker-1").intValue()).isEqualTo(1);
    assertThat(json.get("workers").intValue()).isEqualTo(2);
    assertThat(json.get("problems").get(0).textValue()).isEqualTo("dependency payments is OPEN");
    assertThat(json.get("series_start").textValue()).isEqualTo("2026-12-01T08:16:00Z");
  }

  @Test
  void aLaneWithoutTopicsHasNullLag() throws Exception {
    LaneView lane =
        new LaneView(
            new LaneRow("batch", 0, null, null, 0, 0, 0, 0),
            "tasks.batch",
            Map.of(),
            new long[60],
            new long[60],
            Chart.of("batch", HOUR, new long[60], new long[60]));
    Overview overview = new Overview(NOW, HOUR, false, List.of(lane), List.of(), 0, List.of());

    JsonNode json = new ObjectMapper().readTree(OverviewJson.document(overview));

    assertThat(json.get("lanes").get(0).get("lag").isNull()).isTrue();
    assertThat(json.get("lanes").get(0).get("lag_excluding_paused").isNull()).isTrue();
    assertThat(json.get("fleet_reported").booleanValue()).isFalse();
  }
}
