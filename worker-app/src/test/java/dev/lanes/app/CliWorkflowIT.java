package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.testkit.fake.FlakyHttpService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's workflow, command by command: produce, run, inspect and replay dead letters. */
@KafkaTest
class CliWorkflowIT {

  @TempDir Path dir;
  private FlakyHttpService dependency;

  @BeforeEach
  void startDependency() {
    dependency = FlakyHttpService.start(0);
  }

  @AfterEach
  void stopDependency() {
    dependency.close();
  }

  @Test
  void produceRunListReplayAndReplayAgain(TestKafka kafka) throws Exception {
    String lane = kafka.uniqueName("flow");
    String config = CliRun.laneConfig(dir, lane, 2).toString();
    String bootstrap = kafka.bootstrapServers();
    ok(CliRun.of("topics", "apply", "--bootstrap-server", bootstrap, "--config", config));

    CliRun produced =
        ok(
            CliRun.of(
                "produce",
                "--lane",
                lane,
                "--type",
                "noop",
                "--count",
                "30",
                "--key",
                "k",
                "--bootstrap-server",
                bootstrap,
                "--config",
                config));
    assertThat(produced.out()).contains("acknowledged 30");
    // Three tasks whose dependency is down: their two attempts fail, and they are dead-lettered.
    dependency.failWith(503, 1.0);
    Path file = dir.resolve("calls.jsonl");
    String call = "{\"type\":\"http\",\"payload\":{\"url\":\"" + dependency.workUri() + "\"}}\n";
    Files.writeString(file, "# three calls\n" + call + call + "\n" + call);
    ok(
        CliRun.of(
            "produce",
            "--lane",
            lane,
            "--file",
            file.toString(),
            "--bootstrap-server",
            bootstrap,
            "--config",
            config));

    CliRun firstRun = ok(run(bootstrap, config));
    assertThat(counts(firstRun, lane)).containsExactly(30L, 3L, 3L, 0L);

    CliRun list =
        ok(
            CliRun.of(
                "dlt",
                "list",
                "--lane",
                lane,
                "--json",
                "--bootstrap-server",
                bootstrap,
                "--config",
                config));
    assertThat(list.out().lines().toList())
        .hasSize(3)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains("\"reason\":\"exhausted\"")
                    .contains("\"type\":\"http\""));

    CliRun refused =
        CliRun.of(
            "dlt", "replay", "--lane", lane, "--bootstrap-server", bootstrap, "--config", config);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("--yes");

    dependency.recover();
    CliRun replay =
        ok(
            CliRun.of(
                "dlt",
                "replay",
                "--lane",
                lane,
                "--yes",
                "--bootstrap-server",
                bootstrap,
                "--config",
                config));
    assertThat(replay.out()).contains("replayed 3");
    CliRun again =
        ok(
            CliRun.of(
                "dlt",
                "replay",
                "--lane",
                lane,
                "--yes",
                "--bootstrap-server",
                bootstrap,
                "--config",
                config));
    assertThat(again.out()).contains("replayed 0").contains("skipped 3");

    CliRun secondRun = ok(run(bootstrap, config));
    assertThat(counts(secondRun, lane)).containsExactly(3L, 0L, 0L, 0L);
  }

  @Test
  void anInvalidLineInAFileIsReportedWithItsNumberAndNothingIsSent(TestKafka kafka)
      throws Exception {
    String lane = kafka.uniqueName("badfile");
    String config = CliRun.laneConfig(dir, lane, 1).toString();
    String bootstrap = kafka.bootstrapServers();
    ok(CliRun.of("topics", "apply", "--bootstrap-server", bootstrap, "--config", config));
    Path file = dir.resolve("tasks.jsonl");
    Files.writeString(file, "{\"type\":\"noop\"}\n{\"type\": oops}\n{\"type\":\"noop\"}\n");

    CliRun produce =
        CliRun.of(
            "produce",
            "--lane",
            lane,
            "--file",
            file.toString(),
            "--bootstrap-server",
            bootstrap,
            "--config",
            config);

    assertThat(produce.exitCode()).as(produce.toString()).isEqualTo(2);
    assertThat(produce.err()).contains("line 2").hasLineCount(1);
    assertThat(kafka.endOffsets("tasks." + lane).values()).containsOnly(0L);
  }

  private static CliRun run(String bootstrap, String config) {
    return CliRun.of(
        "run",
        "--bootstrap-server",
        bootstrap,
        "--config",
        config,
        "--http-port",
        "0",
        "--exit-when-idle",
        "2");
  }

  private static CliRun ok(CliRun run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  /** succeeded, retried, dead letters, rejected from the counts run prints on exit. */
  private static java.util.List<Long> counts(CliRun run, String lane) {
    Matcher row =
        Pattern.compile("(?m)^" + lane + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)")
            .matcher(run.out());
    assertThat(row.find()).as(run.toString()).isTrue();
    return java.util.List.of(
        Long.parseLong(row.group(1)),
        Long.parseLong(row.group(2)),
        Long.parseLong(row.group(3)),
        Long.parseLong(row.group(4)));
  }
}
