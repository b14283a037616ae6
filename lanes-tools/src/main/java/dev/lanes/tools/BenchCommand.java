package dev.lanes.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lanes.LaneConfig;
import dev.lanes.app.CommandConsole;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.ToolCommand;
import dev.lanes.app.UsageException;
import dev.lanes.embedded.EmbeddedKafkaBroker;
import dev.lanes.tools.bench.BenchContext;
import dev.lanes.tools.bench.Scenarios;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes bench}: scenarios measured against a baseline in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs benchmark scenarios, each with its baseline in the same run, and prints ratios.",
      "Runs on a local broker in this process unless --bootstrap-server is given."
    })
public final class BenchCommand implements ToolCommand {

  @ParentCommand private CommandConsole console;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      description = "One of ${COMPLETION-CANDIDATES}, or all (default: ${DEFAULT-VALUE}).",
      completionCandidates = Scenarios.Names.class)
  private String scenario = "all";

  @Option(
      names = "--records",
      paramLabel = "N",
      description = "Records for the throughput scenario (default: ${DEFAULT-VALUE}).")
  private int records = 1_000_000;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = {
        "Length of each overload run and of the brown-out in the brownout scenario;",
        "3 to 3600, or 0 for their defaults, 20 s and 30 s (default: ${DEFAULT-VALUE})."
      })
  private int seconds = 0;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description = {
        "Rounds of the throughput scenario, 1 to 20; each figure is the median of its rounds",
        "(default: ${DEFAULT-VALUE})."
      })
  private int rounds = 1;

  @Option(
      names = "--pollers",
      paramLabel = "N",
      description = {
        "Main-topic poll loops of the throughput scenario's lanes, 1 to "
            + LaneConfig.MAX_POLLERS
            + " (default: ${DEFAULT-VALUE}, the lane default)."
      })
  private int pollers = LaneConfig.DEFAULT_POLLERS;

  @Option(
      names = {"--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT",
      description = "Measure on this cluster instead of a local broker.")
  private String bootstrapServer;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  private Path json;

  @Override
  public Integer call() throws IOException {
    List<String> chosen;
    try {
      chosen = Scenarios.select(scenario);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (records < 1000) {
      throw new UsageException("--records must be >= 1000, was " + records);
    }
    if (seconds != 0 && (seconds < 3 || seconds > 3600)) {
      throw new UsageException("--seconds must be 0 or between 3 and 3600, was " + seconds);
    }
    if (rounds < 1 || rounds > 20) {
      throw new UsageException("--rounds must be between 1 and 20, was " + rounds);
    }
    if (pollers < 1 || pollers > LaneConfig.MAX_POLLERS) {
      throw new UsageException(
          "--pollers must be between 1 and " + LaneConfig.MAX_POLLERS + ", was " + pollers);
    }
    long started = System.nanoTime();
    Map<String, Object> results = new LinkedHashMap<>();
    try (EmbeddedKafkaBroker broker =
        bootstrapServer == null ? EmbeddedKafkaBroker.start() : null) {
      String bootstrap = broker == null ? bootstrapServer : broker.bootstrapServers();
      BenchContext bench = new BenchContext(Map.of("bootstrap.servers", bootstrap), console.out());
      bench.progress(
          "on "
              + (broker == null ? "" : "a local broker at ")
              + bootstrap
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " cores");
      for (String name : chosen) {
        results.put(name, Scenarios.run(name, bench, records, seconds, rounds, pollers));
      }
    }
    Scenarios.printTable(results, console.out());
    console.out().printf("bench: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    if (json != null) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("scenarios", results);
      document.put("machine", Scenarios.machine());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), document);
    }
    return ExitCodes.OK;
  }
}
