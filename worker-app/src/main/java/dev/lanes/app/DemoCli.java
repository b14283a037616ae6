package dev.lanes.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes demo}: the whole story on a laptop, with nothing installed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a local broker (unless a bootstrap server is given) and a fake dependency, runs the"
          + " realtime and batch lanes, produces a mix of tasks, breaks the dependency and heals it,"
          + " and tells what happens: retries, dead letters, the breaker, paused partitions, and"
          + " the final count. Takes about a minute."
    })
final class DemoCli implements Callable<Integer> {

  @ParentCommand private LanesCommand parent;

  @Option(
      names = "--tasks",
      paramLabel = "N",
      description = "Tasks per lane (default: ${DEFAULT-VALUE}).")
  private int tasks = DemoOptions.DEFAULT_TASKS_PER_LANE;

  @Option(
      names = "--outage-seconds",
      paramLabel = "S",
      description = "How long the fake dependency fails (default: ${DEFAULT-VALUE}).")
  private int outageSeconds = DemoOptions.DEFAULT_OUTAGE_SECONDS;

  @Option(
      names = {"--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT",
      description =
          "Use this Kafka cluster instead of a local broker (or KAFKA_BOOTSTRAP_SERVERS).")
  private String bootstrapServer;

  DemoCli() {}

  DemoCli(LanesCommand parent) {
    this.parent = parent;
  }

  @Override
  public Integer call() {
    String bootstrap = bootstrapServer;
    if (bootstrap == null) {
      String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
      bootstrap = fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }
    DemoOptions options;
    try {
      options = new DemoOptions(tasks, bootstrap, Duration.ofSeconds(outageSeconds));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    return new DemoCommand(options, parent.out()).run();
  }
}
