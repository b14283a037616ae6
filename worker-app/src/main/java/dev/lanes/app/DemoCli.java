package dev.lanes.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes demo}: the whole story on a laptop, with nothing installed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a local broker (unless a bootstrap server is given), runs the realtime and batch"
          + " lanes, produces a mix of diagnostic tasks, prints what each lane did, and exits."
    })
final class DemoCli implements Callable<Integer> {

  @ParentCommand private LanesCommand parent;

  @Option(
      names = "--tasks",
      paramLabel = "N",
      description = "Tasks per lane (default: ${DEFAULT-VALUE}).")
  private int tasks = DemoOptions.DEFAULT_TASKS_PER_LANE;

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
      options = new DemoOptions(tasks, bootstrap, false);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    return new DemoCommand(options, parent.out()).run();
  }
}
