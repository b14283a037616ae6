package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KafkaTest
class BenchCommandIT {

  @TempDir Path dir;

  @Test
  void benchRunsItsScenariosAndWritesEveryFigureAsJson(TestKafka kafka) throws Exception {
    // The quick scenarios; the others (a 60 s outage, a large backlog) are for `lanes bench`.
    Path json = dir.resolve("bench.json");
    Path retryJson = dir.resolve("retry.json");

    CliRun bench =
        CliRun.of(
            "bench",
            "--scenario",
            "throughput",
            "--records",
            "5000",
            "--bootstrap-server",
            kafka.bootstrapServers(),
            "--json",
            json.toString());
    CliRun retries =
        CliRun.of(
            "bench",
            "--scenario",
            "retry-delay",
            "--bootstrap-server",
            kafka.bootstrapServers(),
            "--json",
            retryJson.toString());

    assertThat(bench.exitCode()).as(bench.toString()).isZero();
    assertThat(retries.exitCode()).as(retries.toString()).isZero();
    JsonNode results = new ObjectMapper().readTree(json.toFile());
    JsonNode throughput = results.get("scenarios").get("throughput");
    for (String figure :
        new String[] {
          "raw_records_per_s",
          "lanes_unordered_records_per_s",
          "lanes_key_records_per_s",
          "ratio_unordered",
          "ratio_key"
        }) {
      assertThat(throughput.get(figure).asDouble()).as(figure).isPositive();
    }
    JsonNode retry =
        new ObjectMapper().readTree(retryJson.toFile()).get("scenarios").get("retry-delay");
    assertThat(retry.get("retried").asInt()).isEqualTo(retry.get("tasks").asInt());
    assertThat(retry.get("early").asInt()).as("never early").isZero();
    assertThat(retry.has("overshoot_p50_ms") && retry.has("overshoot_p99_ms")).isTrue();
    assertThat(results.get("machine").get("cores").asInt()).isPositive();
    assertThat(bench.out()).contains("ratio_key");
  }

  @Test
  void anUnknownScenarioIsAUsageError() {
    CliRun bench = CliRun.of("bench", "--scenario", "warp-speed", "--bootstrap-server", "x:1");

    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err())
        .contains(
            "--scenario must be one of [throughput, io-bound, isolation, outage, retry-delay,"
                + " memory]");
  }
}
