package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillJsonTest {

  @TempDir Path dir;

  @Test
  void writesEveryScenarioUnderItsNameInNewDirectories() throws IOException {
    Path file = dir.resolve("runs/today/drill.json");

    DrillJson.write(
        file,
        List.of(
            result("zone-loss", new WaitFigures(41L, 2210L, 45L, 14.0), 8.2),
            result("worker-kill", new WaitFigures(40L, null, null, null), null)));

    String text = Files.readString(file);
    JsonNode json = new ObjectMapper().readTree(text);
    assertThat(text).contains("\n  \"scenarios\" : {");
    assertThat(json.path("scenarios").fieldNames())
        .toIterable()
        .containsExactly("zone-loss", "worker-kill");
    JsonNode zoneLoss = json.path("scenarios").path("zone-loss");
    assertThat(zoneLoss.path("produced").asInt()).isEqualTo(100);
    assertThat(zoneLoss.path("realtime_p99_ms_during").asLong()).isEqualTo(2210);
    assertThat(zoneLoss.path("recovery_s").asDouble()).isEqualTo(14.0);
    assertThat(zoneLoss.path("in_sync_s").asDouble()).isEqualTo(8.2);
    assertThat(zoneLoss.path("events").get(0).asText()).isEqualTo("+35.2s killed zone-a");
    JsonNode workerKill = json.path("scenarios").path("worker-kill");
    assertThat(workerKill.path("in_sync_s").isNull()).isTrue();
    assertThat(workerKill.path("realtime_p99_ms_during").isNull()).isTrue();
    assertThat(workerKill.path("windows").get(0).path("from_s").asDouble()).isEqualTo(0.0);
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file); // no temp file stays behind
    }
  }

  @Test
  void replacesAnEarlierFileWhole() throws IOException {
    Path file = dir.resolve("drill.json");
    Files.writeString(file, "x".repeat(10_000));

    DrillJson.write(file, List.of(result("zone-loss", null, null)));

    assertThat(new ObjectMapper().readTree(file.toFile()).path("scenarios").has("zone-loss"))
        .isTrue();
  }

  @Test
  void anUnwritablePathThrowsNamingIt() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "");
    Path file = notADirectory.resolve("drill.json");

    assertThatThrownBy(() -> DrillJson.write(file, List.of(result("zone-loss", null, null))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aScenarioNamedTwiceIsRefused() {
    Path file = dir.resolve("drill.json");

    assertThatThrownBy(
            () ->
                DrillJson.write(
                    file,
                    List.of(result("zone-loss", null, null), result("zone-loss", null, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone-loss");
    assertThat(file).doesNotExist();
  }

  private static ScenarioResult result(String scenario, WaitFigures waits, Double inSync) {
    long t0 = 1_700_000_000_000L;
    return new ScenarioResult(
        scenario,
        new DrillReport(scenario, 100, 100, 0, List.of(), 0),
        waits,
        new ProduceFigures(0, 0, 0),
        inSync,
        List.of(new WaitWindow(t0, t0 + 10_000, 100, 41L)),
        List.of("+35.2s killed zone-a"));
  }
}
