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
            "--rounds",
            "2",
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
          "ratio_key",
          "cpu_ns_per_record_raw",
          "cpu_ns_per_record_unordered",
          "cpu_ns_per_record_key",
          "alloc_bytes_per_record_raw",
          "alloc_bytes_per_record_raw_decode",
          "alloc_bytes_per_record_unordered",
          "alloc_bytes_per_record_key"
        }) {
      assertThat(throughput.has(figure)).as(figure).isTrue();
      assertThat(throughput.get(figure).asDouble()).as(figure).isPositive();
    }
    assertThat(throughput.get("rounds").asInt()).isEqualTo(2);
    assertThat(bench.out()).contains("round 1/2, lanes KEY:", "round 2/2, lanes KEY:");
    JsonNode retry =
        new ObjectMapper().readTree(retryJson.toFile()).get("scenarios").get("retry-delay");
    assertThat(retry.get("retried").asInt()).isEqualTo(retry.get("tasks").asInt());
    assertThat(retry.get("early").asInt()).as("never early").isZero();
    assertThat(retry.has("overshoot_p50_ms") && retry.has("overshoot_p99_ms")).isTrue();
    assertThat(results.get("machine").get("cores").asInt()).isPositive();
    assertThat(bench.out()).contains("ratio_key");
  }

  @Test
  void overloadAndBrownoutRunShortAndWriteTheirFiguresAsJson(TestKafka kafka) throws Exception {
    // --seconds 3 shortens every run: the figures are meaningless, the keys and the bookkeeping
    // (nothing lost, every task settled) are what this checks.
    Path overloadJson = dir.resolve("overload.json");
    Path brownoutJson = dir.resolve("brownout.json");

    CliRun overload = shortRun(kafka, "overload", overloadJson);
    CliRun brownout = shortRun(kafka, "brownout", brownoutJson);

    assertThat(overload.exitCode()).as(overload.toString()).isZero();
    assertThat(brownout.exitCode()).as(brownout.toString()).isZero();
    JsonNode o =
        new ObjectMapper().readTree(overloadJson.toFile()).get("scenarios").get("overload");
    for (String figure :
        new String[] {
          "p99_alone_ms",
          "p99_flooded_off_ms",
          "p99_flooded_on_ms",
          "ratio_p99_on",
          "ratio_p99_off",
          "batch_per_s_off",
          "batch_per_s_on"
        }) {
      assertThat(o.has(figure)).as(figure).isTrue();
    }
    assertThat(o.get("batch_per_s_off").asDouble()).as("the flood ran").isPositive();
    assertThat(o.get("lost").asLong()).as("lost").isZero();
    JsonNode b =
        new ObjectMapper().readTree(brownoutJson.toFile()).get("scenarios").get("brownout");
    for (String figure :
        new String[] {
          "realtime_p99_fixed_ms",
          "realtime_p99_adaptive_ms",
          "timeouts_fixed",
          "timeouts_adaptive",
          "dead_lettered_fixed",
          "dead_lettered_adaptive",
          "recovery_s_adaptive"
        }) {
      assertThat(b.has(figure)).as(figure).isTrue();
    }
    assertThat(b.get("realtime_p99_adaptive_ms").asLong()).as("realtime succeeded").isPositive();
  }

  @Test
  void secondsBelowThreeIsAUsageError() {
    CliRun bench =
        CliRun.of("bench", "--scenario", "overload", "--seconds", "1", "--bootstrap-server", "x:1");

    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err()).contains("--seconds must be 0 or between 3 and 3600, was 1");
  }

  @Test
  void roundsBelowOneIsAUsageError() {
    CliRun bench =
        CliRun.of(
            "bench", "--scenario", "throughput", "--rounds", "0", "--bootstrap-server", "x:1");

    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err()).contains("--rounds must be between 1 and 20, was 0");
  }

  @Test
  void throughputRunsItsLanesWithTheGivenPollers(TestKafka kafka) throws Exception {
    Path json = dir.resolve("pollers.json");

    CliRun bench =
        CliRun.of(
            "bench",
            "--scenario",
            "throughput",
            "--records",
            "5000",
            "--pollers",
            "2",
            "--bootstrap-server",
            kafka.bootstrapServers(),
            "--json",
            json.toString());

    assertThat(bench.exitCode()).as(bench.toString()).isZero();
    JsonNode throughput =
        new ObjectMapper().readTree(json.toFile()).get("scenarios").get("throughput");
    assertThat(throughput.get("pollers").asInt()).isEqualTo(2);
    assertThat(throughput.get("lanes_key_records_per_s").asDouble()).isPositive();
    assertThat(throughput.get("lanes_unordered_records_per_s").asDouble()).isPositive();
  }

  @Test
  void pollersOutsideOneToSixtyFourIsAUsageError() {
    CliRun bench =
        CliRun.of(
            "bench", "--scenario", "throughput", "--pollers", "0", "--bootstrap-server", "x:1");

    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err()).contains("--pollers must be between 1 and 64, was 0");
  }

  private static CliRun shortRun(TestKafka kafka, String scenario, Path json) {
    return CliRun.of(
        "bench",
        "--scenario",
        scenario,
        "--seconds",
        "3",
        "--bootstrap-server",
        kafka.bootstrapServers(),
        "--json",
        json.toString());
  }

  @Test
  void anUnknownScenarioIsAUsageError() {
    CliRun bench = CliRun.of("bench", "--scenario", "warp-speed", "--bootstrap-server", "x:1");

    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err())
        .contains(
            "--scenario must be one of [throughput, io-bound, isolation, outage, retry-delay,"
                + " memory, overload, brownout] or all, was 'warp-speed'");
  }
}
