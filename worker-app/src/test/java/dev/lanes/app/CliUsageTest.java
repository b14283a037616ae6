package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input found before any Kafka client is made: exit code 2 and a line naming the value. */
class CliUsageTest {

  // Nothing listens there; none of these commands may get as far as trying.
  private static final String NOWHERE = "127.0.0.1:1";

  @TempDir Path dir;

  @Test
  void aNegativeExitWhenIdleIsUsageNamingTheValue() {
    CliRun run = CliRun.of("run", "--bootstrap-server", NOWHERE, "--exit-when-idle", "-5");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("lanes: --exit-when-idle must be >= 0 seconds, was -5\n");
  }

  @Test
  void aWorkerIdKafkaWouldRefuseIsUsageInOneLineNamingItAndTheRule() {
    CliRun run = CliRun.of("run", "--bootstrap-server", NOWHERE, "--worker-id", "pod 0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "lanes: worker id 'pod 0' is not allowed: Kafka allows only ASCII letters, digits,"
                + " '.', '_' and '-' in a group.instance.id\n");
    assertThat(run.out()).doesNotContain("starting");
  }

  @Test
  void theWorkerIdOptionWinsOverTheVariable() {
    CliRun run =
        CliRun.of(
            Map.of("LANES_WORKER_ID", "worker-0"),
            "run",
            "--bootstrap-server",
            NOWHERE,
            "--worker-id",
            "pod/1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith("lanes: worker id 'pod/1' is not allowed");
  }

  @Test
  void aWorkerIdFromTheVariableIsCheckedLikeTheOption() {
    CliRun run =
        CliRun.of(Map.of("LANES_WORKER_ID", "pod_ü"), "run", "--bootstrap-server", NOWHERE);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith("lanes: worker id 'pod_ü' is not allowed");
  }

  @Test
  void aWorkerIdTooLongForTheLanesInstanceIdsIsUsage() {
    String id = "w".repeat(245);
    CliRun run = CliRun.of("run", "--bootstrap-server", NOWHERE, "--worker-id", id);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("lanes: worker id '" + id + "' is too long")
        .endsWith("Kafka allows at most 249\n")
        .hasLineCount(1);
  }

  @Test
  void aMissingProduceFileIsUsageLikeAMissingConfig() {
    String missing = dir.resolve("missing.jsonl").toString();

    CliRun run =
        CliRun.of(
            "produce", "--lane", "realtime", "--file", missing, "--bootstrap-server", NOWHERE);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("lanes: --file " + missing + " does not exist\n");
    CliRun config =
        CliRun.of("produce", "--lane", "realtime", "--type", "echo", "--config", missing);
    assertThat(config.exitCode()).as(config.toString()).isEqualTo(2);
  }

  @Test
  void aBootstrapServerThatIsNotHostPortIsNamed() {
    CliRun produce =
        CliRun.of(
            "produce",
            "--lane",
            "realtime",
            "--type",
            "echo",
            "--bootstrap-server",
            "not_a_host_port");

    assertThat(produce.exitCode()).as(produce.toString()).isEqualTo(2);
    assertThat(produce.err())
        .startsWith("lanes: bootstrap server 'not_a_host_port' is not HOST:PORT");

    CliRun list =
        CliRun.of("dlt", "list", "--lane", "batch", "--bootstrap-server", "kafka-1:9092,kafka-2");
    assertThat(list.exitCode()).as(list.toString()).isEqualTo(2);
    assertThat(list.err()).startsWith("lanes: bootstrap server 'kafka-2' is not HOST:PORT");
  }

  @Test
  void aTimeoutBelowOneSecondIsUsage() {
    CliRun run =
        CliRun.of("topics", "describe", "--bootstrap-server", NOWHERE, "--timeout", "200ms");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout must be at least 1s, was 200ms");
  }

  @Test
  void everyCommandThatTalksToKafkaOffersATimeoutWithItsDefault() {
    for (String[] command :
        new String[][] {
          {"run"},
          {"produce"},
          {"dlt", "list"},
          {"dlt", "show"},
          {"dlt", "replay"},
          {"topics", "apply"},
          {"topics", "describe"},
          {"status"}
        }) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun help = CliRun.of(args);
      assertThat(help.out()).as(String.join(" ", command)).contains("--timeout=DURATION");
      assertThat(help.out()).as(String.join(" ", command)).contains("(default: 30s)");
    }
  }
}
