package dev.lanes.tools.drill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.app.LanesMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes drill}'s command line: every refusal happens before anything starts (no cluster, no
 * worker), exits 2 and names the bad value.
 */
class DrillCommandTest {

  @TempDir Path dir;

  @Test
  void helpListsEveryScenarioInRunOrderAndSaysRollingRestartIgnoresDuration() {
    Run help = Run.of("drill", "--help");

    assertThat(help.exit).isZero();
    assertThat(help.out)
        .containsSubsequence(
            "kill-worker",
            "stop-worker",
            "dependency-outage",
            "broker-restart",
            "zone-loss",
            "frozen-broker",
            "zone-partition")
        .contains("--duration is not used")
        .contains("--workers-per-zone", "--rate", "--backlog", "--json", "--keep-dir");
  }

  @Test
  void allSelectsEveryScenarioInOrderAndAListKeepsTheGivenOrderOnce() {
    assertThat(DrillScenario.select("all")).containsExactly(DrillScenario.values());
    assertThat(DrillScenario.select("zone-loss, kill-worker,zone-loss"))
        .containsExactly(DrillScenario.ZONE_LOSS, DrillScenario.KILL_WORKER);
  }

  @Test
  void anUnknownScenarioIsRefusedNamingItAndTheKnownOnes() {
    Run run = Run.of("drill", "--scenario", "zone-loss,zone-lost");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .contains("'zone-lost'")
        .contains("kill-worker, stop-worker, dependency-outage, broker-restart, zone-loss");
  }

  @Test
  void badNumbersAndDurationsAreRefusedNamingOptionAndValue() {
    assertRefused(List.of("--duration", "soon"), "--duration 'soon' is not a duration");
    assertRefused(List.of("--duration", "2s"), "--duration must be between 5s and 1h, was 2000ms");
    assertRefused(List.of("--steady", "5s"), "--steady must be between 10s and 1h, was 5000ms");
    assertRefused(List.of("--steady", "later"), "--steady 'later' is not a duration");
    assertRefused(
        List.of("--workers-per-zone", "0"), "--workers-per-zone must be between 1 and 4, was 0");
    assertRefused(
        List.of("--rate", "0"), "--rate must be between 1 and 5000 tasks a second, was 0");
    assertRefused(List.of("--backlog", "-1"), "--backlog must be between 0 and 1000000, was -1");
  }

  @Test
  void onTheUsersClusterTheBrokerScenariosAreRefusedBeforeAnythingStarts() {
    Run all = Run.of("drill", "--bootstrap-server", "127.0.0.1:1");
    Run zoneLoss =
        Run.of("drill", "--bootstrap-server", "127.0.0.1:1", "--scenario", "kill-worker,zone-loss");

    assertThat(all.exit).isEqualTo(2);
    assertThat(all.err)
        .contains("broker-restart, zone-loss, frozen-broker")
        .contains("only to the cluster it starts itself");
    assertThat(zoneLoss.exit).isEqualTo(2);
    assertThat(zoneLoss.err).contains("--bootstrap-server: zone-loss stop, kill or freeze");
  }

  @Test
  void aConfigWithoutBothDrillLanesIsRefusedNamingTheMissingLane() throws IOException {
    Path config =
        write(
            "only-realtime.yaml",
            """
            lanes:
              realtime:
                partitions: 3
                retention: 1h
              bulk:
                partitions: 3
                retention: 1h
            """);

    Run run = Run.of("drill", "--config", config.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err)
        .contains(config.toString())
        .contains("must define the lanes realtime and batch")
        .contains("missing: batch")
        .contains("configured: realtime, bulk");
  }

  @Test
  void anInvalidConfigIsRefusedNamingTheFileAndTheProblem() throws IOException {
    Path config =
        write("bad.yaml", "lanes:\n  realtime:\n    partitions: none\n    retention: 1h\n");

    Run run = Run.of("drill", "--config", config.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("--config: " + config).contains("partitions").contains("none");
  }

  @Test
  void theUsersConfigRunsOnlyTheDrillLanesRenamedOnTheUsersClusterWithAPerProcessBreaker()
      throws IOException {
    Path config =
        write(
            "user.yaml",
            """
            lanes:
              realtime:
                partitions: 3
                retention: 1h
                retry:
                  max-attempts: 5
              batch:
                partitions: 4
                retention: 1h
              bulk:
                partitions: 2
                retention: 1h
            dependencies:
              http:
                breaker:
                  failures: 7
            """);
    Path local = Files.createDirectories(dir.resolve("local"));
    Path remote = Files.createDirectories(dir.resolve("remote"));

    FleetConfig own = FleetConfig.write(local, java.util.Optional.of(config), false);
    FleetConfig users = FleetConfig.write(remote, java.util.Optional.of(config), true);

    assertThat(own.realtime())
        .extracting(DrillLane::name, DrillLane::partitions, DrillLane::maxAttempts)
        .containsExactly("realtime", 3, 5);
    assertThat(own.batch().name()).isEqualTo("batch");
    assertThat(Files.readString(own.file())).doesNotContain("bulk");
    assertThat(users.realtime().name()).isEqualTo("drill-realtime");
    assertThat(users.batch().partitions()).isEqualTo(4);
    assertThat(Files.readString(users.file()))
        .contains("shared: false")
        .contains("failures: 7")
        .doesNotContain("bulk");
  }

  private void assertRefused(List<String> options, String message) {
    List<String> args = new java.util.ArrayList<>(List.of("drill"));
    args.addAll(options);
    Run run = Run.of(args.toArray(String[]::new));
    assertThat(run.exit).as(run.toString()).isEqualTo(2);
    assertThat(run.err).as(run.toString()).contains(message);
  }

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private record Run(int exit, String out, String err) {
    static Run of(String... args) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit =
          LanesMain.run(
              List.of(args),
              new PrintStream(out, true, UTF_8),
              new PrintStream(err, true, UTF_8),
              Map.of());
      return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
    }
  }
}
