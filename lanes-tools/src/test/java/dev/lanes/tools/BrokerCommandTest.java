package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code lanes broker}'s refusals: each names the bad value and exits 2 before starting Kafka. */
class BrokerCommandTest {

  @Test
  void aNodeCountOtherThanOneThreeOrFiveIsAUsageErrorNamingIt() {
    CliRun four = CliRun.of("broker", "--nodes", "4");

    assertThat(four.exitCode()).as(four.toString()).isEqualTo(2);
    assertThat(four.err()).isEqualTo("lanes: --nodes must be 1, 3 or 5, was 4\n");
  }

  @Test
  void aClusterWhosePortsRunPast65535IsAUsageErrorNamingThePort() {
    CliRun tooHigh = CliRun.of("broker", "--nodes", "3", "--port", "65531");

    assertThat(tooHigh.exitCode()).as(tooHigh.toString()).isEqualTo(2);
    assertThat(tooHigh.err()).isEqualTo("lanes: --port must be 1..65530 for 3 nodes, was 65531\n");
  }

  @Test
  void helpNamesTheNodesOption() {
    CliRun help = CliRun.of("broker", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--nodes").contains("zone-a");
  }
}
