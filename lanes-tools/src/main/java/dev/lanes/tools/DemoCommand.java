package dev.lanes.tools;

import dev.lanes.app.CommandConsole;
import dev.lanes.app.ToolCommand;
import dev.lanes.app.UsageException;
import java.time.Duration;
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
public final class DemoCommand implements ToolCommand {

  @ParentCommand private CommandConsole console;

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

  @Option(
      names = "--console",
      description =
          "After the story, keep the broker and open the web console on it (lanes console), with"
              + " the demo's dead letters to look at and replay, until Ctrl-C.")
  private boolean openConsole;

  @Override
  public Integer call() throws InterruptedException {
    String bootstrap = bootstrapServer;
    if (bootstrap == null) {
      String fromEnv = console.env().get("KAFKA_BOOTSTRAP_SERVERS");
      bootstrap = fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }
    DemoOptions options;
    try {
      options = new DemoOptions(tasks, bootstrap, Duration.ofSeconds(outageSeconds));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    DemoConsole then = openConsole ? new DemoConsole(consoleToken(), console.out()) : null;
    return new DemoStory(options, console.out(), then).run();
  }

  private String consoleToken() {
    String token = console.env().get("LANES_CONSOLE_TOKEN");
    return token == null || token.isBlank() ? null : token;
  }
}
