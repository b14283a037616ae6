package dev.lanes.app;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lanes}: without a subcommand it runs the demo, the way a first-time user starts. The
 * worker's commands are listed here; the tools (demo, broker, fake-dependency, bench) are added by
 * {@link ToolCommands} when lanes-tools is on the class path.
 */
@Command(
    name = "lanes",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Kafka task workers that keep working when dependencies fail.",
    subcommands = {
      RunCommand.class,
      ProduceCommand.class,
      DltCommand.class,
      TopicsCommand.class,
      StatusCommand.class,
      ConfigCommand.class
    })
final class LanesCommand implements Callable<Integer>, CommandConsole {

  static final String DEFAULT_COMMAND = "demo";

  @Spec private CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  LanesCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  /** The whole command line: the worker's commands and the tools found on the class path. */
  static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
    CommandLine lanes = new CommandLine(new LanesCommand(out, err, env));
    ToolCommands.register(lanes);
    return lanes;
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public PrintStream out() {
    return out;
  }

  @Override
  public PrintStream err() {
    return err;
  }

  @Override
  public Integer call() {
    return spec.commandLine().execute(DEFAULT_COMMAND);
  }
}
