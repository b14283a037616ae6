package dev.lanes.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/** The {@code lanes} executable: one command line for brokers, workers, tasks and dead letters. */
public final class LanesMain {

  private LanesMain() {}

  public static void main(String[] args) {
    ExitStatus.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /** Runs one command line; returns its exit code (0 ok, 1 failed, 2 bad usage). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /** The same, reading LANES_* variables from {@code env}: tests need no real environment. */
  public static int run(
      List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine cli = LanesCommand.commandLine(out, err, env);
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler(
        (exception, arguments) -> {
          // One line that says what is wrong, and where help is: not a wall of usage text.
          CommandLine command = exception.getCommandLine();
          errWriter.println("lanes: " + exception.getMessage());
          errWriter.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          errWriter.println("lanes: " + oneLine(exception));
          return exception instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
    int code = cli.execute(args.toArray(String[]::new));
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  /**
   * The error's message; for Kafka's own exceptions followed by their causes' messages, because
   * Kafka wraps what was wrong in a message that says only "Failed to construct kafka producer".
   */
  static String oneLine(Throwable error) {
    String message = error.getMessage();
    StringBuilder line =
        new StringBuilder(
            message == null || message.isBlank() ? error.toString() : message.strip());
    Throwable wrapper = error;
    while (wrapper instanceof KafkaException && wrapper.getCause() != null) {
      wrapper = wrapper.getCause();
      String more = wrapper.getMessage();
      if (more != null && !more.isBlank() && line.indexOf(more.strip()) < 0) {
        line.append(": ").append(more.strip());
      }
    }
    return line.toString();
  }
}
