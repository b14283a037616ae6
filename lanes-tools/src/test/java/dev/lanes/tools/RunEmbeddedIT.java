package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code lanes run --embedded} gets its broker from the tools when they are installed. */
class RunEmbeddedIT {

  @Test
  void runEmbeddedStartsALocalBrokerFromTheToolsAndRunsUntilIdle() {
    CliRun run =
        CliRun.of(
            "run",
            "--embedded",
            "--lanes",
            "realtime",
            "--http-port",
            "0",
            "--exit-when-idle",
            "1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("lanes: running lanes [realtime] against 127.0.0.1:");
  }
}
