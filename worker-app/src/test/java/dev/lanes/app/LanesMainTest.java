package dev.lanes.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanesMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsTheCommandsAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage: lanes").contains("run").contains("dlt").contains("topics");
    assertThat(run("run", "--help")).isZero();
    assertThat(out()).contains("--lanes").contains("--bootstrap-server");
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCodeTwo() {
    assertThat(run("run", "--frobnicate")).isEqualTo(2);
    assertThat(err()).startsWith("lanes: Unknown option: '--frobnicate'");
    assertThat(err().lines()).hasSize(2);
    assertThat(err()).contains("Try 'lanes run --help'.");
  }

  @Test
  void badValuesNameTheOptionAndExitCodeTwo() {
    assertThat(run("run", "--http-port", "many")).isEqualTo(2);
    assertThat(err()).contains("--http-port").contains("many");
  }

  @Test
  void anUnknownCommandExitsTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("frobnicate");
  }

  // The worker's class path has no lanes-tools: these are the answers a worker installation gives.

  @Test
  void helpListsTheToolsAsNotInstalled() {
    assertThat(run("--help")).isZero();
    assertThat(out())
        .containsPattern("demo\\s+\\(not installed: in lanes-tools\\)")
        .containsPattern("fake-dependency\\s+\\(not installed: in lanes-tools\\)");
  }

  @Test
  void aToolCommandSaysWhichDistributionHasItAndExitsTwo() {
    for (String tool : List.of("demo", "console", "broker", "fake-dependency", "bench")) {
      err.reset();
      assertThat(run(tool, "--port", "9092", "--whatever")).as(tool).isEqualTo(2);
      assertThat(err())
          .as(tool)
          .isEqualTo(
              "lanes: '"
                  + tool
                  + "' is not part of this worker distribution: "
                  + ToolCommands.WHERE
                  + "\n");
    }
  }

  @Test
  void noCommandRunsTheDemoWhichAWorkerInstallationLacks() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("lanes: 'demo' is not part of this worker distribution");
  }

  @Test
  void runEmbeddedWithoutTheToolsSaysWhereTheBrokerIsAndExitsTwo() {
    assertThat(run("run", "--embedded", "--http-port", "0")).isEqualTo(2);
    assertThat(err())
        .contains("run --embedded needs a local Kafka broker, which is not in this distribution")
        .contains("lanes-tools")
        .contains("--bootstrap-server");
  }

  private int run(String... args) {
    out.reset();
    return LanesMain.run(
        List.of(args), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
  }

  private String out() {
    return out.toString(UTF_8);
  }

  private String err() {
    return err.toString(UTF_8);
  }
}
