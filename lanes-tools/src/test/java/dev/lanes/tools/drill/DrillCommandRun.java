package dev.lanes.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lanes drill} run as an operator runs it: the packaged jar in a JVM of its own, sized for
 * this machine's two cores, its figures read back from {@code --json}.
 */
record DrillCommandRun(int exit, String output, JsonNode scenario, String reportLine) {

  private static final Duration TIMEOUT = Duration.ofMinutes(8);
  private static final int STEADY_SECONDS =
      Integer.getInteger("lanes.drill.zone.steady-seconds", 10);

  /**
   * Runs one scenario sized for {@code mvn verify} on two cores: 20 s of fault, 10 s of steady load
   * before and at least 20 s after (the shortest {@code --steady}: one 10 s window for the 'before'
   * p99, and the after phase lasts --steady plus a window from the repair anyway); {@code lanes
   * drill} defaults to 60 s and 20 s. It was 15 s: 10 s of each zone drill's time went to steady
   * load no assertion reads. {@code -Dlanes.drill.zone.steady-seconds=N} changes it.
   */
  static DrillCommandRun of(Path dir, String scenario, int workersPerZone, String... options) {
    Path json = dir.resolve(scenario + ".json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "drill",
                "--scenario",
                scenario,
                "--duration",
                "20s",
                "--steady",
                STEADY_SECONDS + "s",
                "--workers-per-zone",
                String.valueOf(workersPerZone),
                "--json",
                json.toString()));
    args.addAll(List.of(options));
    LanesProcess drill = LanesProcess.start("drill-" + scenario, dir, args);
    int exit = drill.awaitExit(TIMEOUT);
    String output = drill.output();
    // The figures and the timeline land in the build log whatever the assertions say.
    System.out.println(output);
    if (!Files.isRegularFile(json)) {
      throw new AssertionError("lanes drill wrote no " + json + " (exit " + exit + "):\n" + output);
    }
    try {
      JsonNode figures =
          new ObjectMapper().readTree(json.toFile()).path("scenarios").path(scenario);
      String line =
          output.lines().filter(l -> l.startsWith("drill=" + scenario)).findFirst().orElse("");
      return new DrillCommandRun(exit, output, figures, line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long count(String field) {
    JsonNode value = scenario.get(field);
    if (value == null || !value.isNumber()) {
      throw new AssertionError("no number " + field + " in " + scenario);
    }
    return value.asLong();
  }

  /** Whether {@code field} holds a number (not null, not missing). */
  boolean has(String field) {
    JsonNode value = scenario.get(field);
    return value != null && value.isNumber();
  }
}
