package dev.lanes.tools.drill;

import dev.lanes.app.CommandConsole;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.ToolCommand;
import dev.lanes.app.UsageException;
import dev.lanes.app.config.DurationFormat;
import dev.lanes.embedded.ZoneNetwork;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lanes drill}: rehearses worker, dependency and zone failures and reports what was lost.
 */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = {
      "Rehearses failures against a fleet of lanes run workers in three zones and reports, per",
      "scenario, whether any task was lost and how long realtime tasks waited before, during and",
      "after the fault. Starts a three-node Kafka cluster (one node per zone, each its own JVM),",
      "the fake dependency and --workers-per-zone workers per zone for every scenario.",
      "",
      "Scenarios, in the order 'all' runs them:",
      "  kill-worker        SIGKILL one worker; a replacement starts after --duration",
      "  stop-worker        SIGTERM one worker; a replacement starts after --duration",
      "  dependency-outage  the dependency answers 503 to every call for --duration",
      "  broker-restart     rolling restart of the three nodes, each back in sync before the",
      "                     next (--duration is not used)",
      "  zone-loss          SIGKILL zone-a's node and workers; they restart after --duration",
      "  frozen-broker      SIGSTOP zone-b's node for --duration, then SIGCONT",
      "  zone-partition     cut zone-c (its node and workers keep running) off the network for",
      "                     --duration, then heal it; needs root on Linux (network namespaces),",
      "                     left out of 'all' elsewhere",
      "",
      "Exit code 0 when no scenario lost a task, 1 when one did (or could not run), 2 on bad usage."
    })
public final class DrillCommand implements ToolCommand {

  @ParentCommand private CommandConsole console;

  @Option(
      names = "--scenario",
      paramLabel = "S[,S...]",
      description = "Scenarios to run, comma-separated, or all (default: ${DEFAULT-VALUE}).")
  private String scenario = DrillScenario.ALL;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "How long each fault lasts, 5s to 1h (default: ${DEFAULT-VALUE}).")
  private String duration = "60s";

  @Option(
      names = "--steady",
      paramLabel = "DURATION",
      description = {
        "How long the steady load runs before the fault (the 'before' figures) and at least after",
        "the repair, 10s to 1h (default: ${DEFAULT-VALUE})."
      })
  private String steady = "20s";

  @Option(
      names = "--workers-per-zone",
      paramLabel = "N",
      description =
          "lanes run workers in each of the three zones, 1 to 4 (default: ${DEFAULT-VALUE}).")
  private int workersPerZone = 2;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Realtime tasks produced per second, steadily (default: ${DEFAULT-VALUE}).")
  private int rate = 200;

  @Option(
      names = "--backlog",
      paramLabel = "N",
      description =
          "Batch tasks produced at the start of each scenario (default: ${DEFAULT-VALUE}).")
  private int backlog = 2000;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write every scenario's figures as JSON.")
  private Path json;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "The workers run this lanes.yaml instead of the drill's; it must define the lanes",
        "realtime and batch, whose settings (and the http dependency's) are rehearsed."
      })
  private Path config;

  @Option(
      names = {"--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT",
      description = {
        "Run the worker scenarios (kill-worker, stop-worker, dependency-outage) on this cluster",
        "instead of one the drill starts. It creates the lanes drill-realtime and drill-batch",
        "there (topics tasks.drill-realtime, tasks.drill-batch and their retry and dead-letter",
        "topics; consumer groups lanes.drill-realtime, lanes.drill-batch and their .retry groups),",
        "keeps the http breaker per process, and leaves them behind. The broker scenarios are refused: the drill never stops, kills or",
        "freezes a node it did not start."
      })
  private String bootstrapServer;

  @Option(
      names = "--keep-dir",
      description = "Keep the nodes' and workers' logs even when every scenario passed.")
  private boolean keepDir;

  @Override
  public Integer call() {
    DrillOptions options = options();
    quietKafkaClients();
    PrintStream out = console.out();
    Path root = createRoot();
    List<ScenarioRun.Outcome> outcomes = new ArrayList<>();
    boolean failed = false;
    for (DrillScenario each : options.scenarios()) {
      Path dir = createDirectory(root.resolve(each.label()));
      try {
        ScenarioRun.Outcome outcome = new ScenarioRun(each, options, dir, out).run();
        outcomes.add(outcome);
        print(outcome, out);
        failed |= !outcome.passed();
      } catch (RuntimeException e) {
        failed = true;
        console
            .err()
            .println(
                "lanes drill: scenario "
                    + each.label()
                    + " could not run: "
                    + e.getMessage()
                    + " (logs in "
                    + dir
                    + ")");
      }
    }
    if (json != null) {
      DrillJson.write(json, outcomes.stream().map(ScenarioRun.Outcome::result).toList());
      out.println("lanes drill: figures written to " + json.toAbsolutePath());
    }
    if (failed || keepDir) {
      out.println("lanes drill: logs of nodes and workers kept in " + root);
    } else {
      deleteRecursively(root);
    }
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Every option checked, and the user's config read, before anything starts. */
  private DrillOptions options() {
    DrillOptions options;
    try {
      options =
          new DrillOptions(
              ZoneNetworkGate.runnable(
                  DrillScenario.select(scenario),
                  scenario.trim().equals(DrillScenario.ALL),
                  ZoneNetwork::unavailableReason,
                  console.out()::println),
              parseDuration("--duration", duration),
              parseDuration("--steady", steady),
              workersPerZone,
              rate,
              backlog,
              Optional.ofNullable(config),
              Optional.ofNullable(bootstrapServer),
              keepDir);
      options.config().ifPresent(FleetConfig::check);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    List<DrillScenario> refused = options.refusedOnUserCluster();
    if (!refused.isEmpty()) {
      throw new UsageException(
          "--bootstrap-server: "
              + refused.stream().map(DrillScenario::label).collect(Collectors.joining(", "))
              + " stop, kill or freeze Kafka nodes, which lanes drill does only to the cluster it"
              + " starts itself; run them without --bootstrap-server, or choose --scenario"
              + " kill-worker,stop-worker,dependency-outage");
    }
    return options;
  }

  /**
   * The drill's own producers and checkers retry through every fault it causes, and count what that
   * cost; their warnings would bury the timeline.
   */
  private static void quietKafkaClients() {
    if (org.slf4j.LoggerFactory.getLogger("org.apache.kafka.clients")
        instanceof ch.qos.logback.classic.Logger clients) {
      clients.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  private static Duration parseDuration(String option, String text) {
    return DurationFormat.parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    option
                        + " '"
                        + text
                        + "' is not a duration ("
                        + DurationFormat.ACCEPTED
                        + ")"));
  }

  private static void print(ScenarioRun.Outcome outcome, PrintStream out) {
    ScenarioResult result = outcome.result();
    for (WaitWindow window : result.windows()) {
      out.printf(
          "[drill %s] window +%ds: %d realtime tasks, p99 %s ms%n",
          result.scenario(),
          (window.from() - result.windows().get(0).from()) / 1000,
          window.tasks(),
          window.p99Ms() == null ? "-" : window.p99Ms());
    }
    out.println(result.reportLine());
    if (!outcome.offsetViolations().isEmpty()) {
      out.println(
          "lanes drill: committed offsets passed unfinished tasks: "
              + outcome
                  .offsetViolations()
                  .subList(0, Math.min(10, outcome.offsetViolations().size())));
    }
    if (!outcome.workerOutput().isEmpty()) {
      out.print(outcome.workerOutput());
    }
  }

  private static Path createRoot() {
    try {
      return Files.createTempDirectory("lanes-drill-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the drill's directory", e);
    }
  }

  private static Path createDirectory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("lanes drill: cannot delete " + root + ": " + e);
    }
  }
}
