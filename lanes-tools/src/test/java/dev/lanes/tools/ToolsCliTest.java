package dev.lanes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The {@code lanes} command line of the full distribution: the worker's commands and the tools. */
class ToolsCliTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void helpListsTheWorkerCommandsAndEveryToolAsInstalled() {
    CliRun help = CliRun.of("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("run", "produce", "dlt", "topics", "config")
        .contains("demo", "console", "broker", "fake-dependency", "bench", "drill")
        .doesNotContain("not installed");
    CliRun demoHelp = CliRun.of("demo", "--help");
    assertThat(demoHelp.exitCode()).isZero();
    assertThat(demoHelp.out())
        .contains("--tasks")
        .contains("--bootstrap-server")
        .contains("--console");
  }

  @Test
  void anUnknownToolOptionIsOneLineAndExitCodeTwo() {
    CliRun demo = CliRun.of("demo", "--frobnicate");

    assertThat(demo.exitCode()).isEqualTo(2);
    assertThat(demo.err()).startsWith("lanes: Unknown option: '--frobnicate'");
    assertThat(demo.err().lines()).hasSize(2);
    assertThat(demo.err()).contains("Try 'lanes demo --help'.");
  }

  @Test
  void badToolValuesNameTheOptionAndExitCodeTwo() {
    CliRun notANumber = CliRun.of("demo", "--tasks", "many");
    CliRun outOfRange = CliRun.of("demo", "--tasks", "0");
    CliRun badPort = CliRun.of("broker", "--port", "70000");

    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--tasks").contains("many");
    assertThat(outOfRange.exitCode()).isEqualTo(2);
    assertThat(outOfRange.err()).isEqualTo("lanes: --tasks must be between 1 and 1000000, was 0\n");
    assertThat(badPort.exitCode()).isEqualTo(2);
    assertThat(badPort.err()).isEqualTo("lanes: --port must be 1..65535, was 70000\n");
  }

  @Test
  void composeStartsTheFakeDependencyWithOptionsTheToolTakes() throws IOException {
    List<String> command = new ArrayList<>(composeCommand("fake-dependency"));
    assertThat(command).startsWith("fake-dependency");
    // --help after the options: picocli parses them all first, so a bad one still fails.
    command.add("--help");

    CliRun parsed = CliRun.of(command.toArray(String[]::new));

    assertThat(parsed.exitCode()).as(parsed.toString()).isZero();
  }

  @SuppressWarnings("unchecked")
  private static List<String> composeCommand(String service) throws IOException {
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      Map<String, Object> services = (Map<String, Object>) compose.get("services");
      Map<String, Object> definition = (Map<String, Object>) services.get(service);
      return (List<String>) definition.get("command");
    }
  }
}
