package dev.lanes.app;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lanes}: without a subcommand it runs the demo, the way a first-time user starts. */
@Command(
    name = "lanes",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Kafka task workers that keep working when dependencies fail.",
    subcommands = {
      DemoCli.class,
      BrokerCommand.class,
      RunCommand.class,
      ProduceCommand.class,
      DltCommand.class,
      TopicsCommand.class,
      ConfigCommand.class,
      FakeDependencyCommand.class,
      BenchCommand.class
    })
final class LanesCommand implements Callable<Integer> {

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  LanesCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  /** The environment the command reads LANES_* variables from. */
  Map<String, String> env() {
    return env;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  @Override
  public Integer call() {
    return new DemoCli(this).call();
  }
}
