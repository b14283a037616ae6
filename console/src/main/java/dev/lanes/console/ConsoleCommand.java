package dev.lanes.console;

import dev.lanes.LaneConfig;
import dev.lanes.app.ClusterOptions;
import dev.lanes.app.CommandConsole;
import dev.lanes.app.DurationOption;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.ExitStatus;
import dev.lanes.app.TimeoutOption;
import dev.lanes.app.ToolCommand;
import dev.lanes.app.UsageException;
import dev.lanes.app.config.LanesConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes console}: the web console for the config's lanes, until Ctrl-C. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a web console for the configured lanes: the overview (lag, throughput, breakers) and"
          + " each lane's dead letters, with replay. Reading is open on a loopback address;"
          + " replaying, and reading on any other address, needs the token (LANES_CONSOLE_TOKEN,"
          + " else one is generated and printed). Runs until Ctrl-C."
    })
public final class ConsoleCommand implements ToolCommand {

  static final String TOKEN_VARIABLE = "LANES_CONSOLE_TOKEN";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  @ParentCommand private CommandConsole console;
  @Mixin private ClusterOptions cluster;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free one).")
  private int port = ConsoleSettings.DEFAULT_PORT;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}). On any other than a loopback"
              + " address, reading needs the token too.")
  private String bind = ConsoleSettings.DEFAULT_BIND;

  // Short: a page waits for Kafka at most this long, so with Kafka down pages still load.
  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description = "How long a page waits for Kafka before it shows what it has (default: 5s).")
  private Duration timeout = DEFAULT_TIMEOUT;

  @Override
  public Integer call() throws InterruptedException {
    LanesConfig config = cluster.load(console.env());
    String bootstrap = ClusterOptions.bootstrap(config, console.err());
    Map<String, Object> client =
        TimeoutOption.applyTo(timeout, ClusterOptions.clientProperties(config, bootstrap));
    List<LaneConfig> lanes = config.laneConfigs(config.catalog());
    String token = console.env().get(TOKEN_VARIABLE);
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be 0..65535, was " + port);
    }
    ConsoleSettings settings;
    try {
      settings =
          new ConsoleSettings(
              client,
              lanes,
              bind,
              port,
              token == null || token.isBlank() ? null : token,
              Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    boolean loopback = isLoopback(bind);
    try (Console running = start(settings)) {
      PrintStream out = console.out();
      out.println("console: " + running.uri());
      if (settings.token() == null) {
        out.println("token: " + running.token() + " (set " + TOKEN_VARIABLE + " to choose it)");
      }
      if (!loopback) {
        console
            .err()
            .println(
                "lanes: console: "
                    + bind
                    + " is not a loopback address: reading needs the token too (sign in on the"
                    + " page, or send Authorization: Bearer <token> to the API)");
      }
      out.flush();
      awaitSignal();
    }
    return ExitCodes.OK;
  }

  private Console start(ConsoleSettings settings) {
    try {
      return Console.start(settings);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new UsageException(
            "cannot listen on port "
                + port
                + " of "
                + bind
                + " ("
                + e.getCause().getMessage()
                + "): another program uses the port, or the address is not this machine's;"
                + " choose another --port or --bind",
            e);
      }
      throw new UsageException(e.getMessage(), e);
    }
  }

  private static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new UsageException("--bind '" + bind + "' is not an address of this machine", e);
    }
  }

  /** Waits for SIGTERM or Ctrl-C; then the caller closes the console and the process exits 0. */
  private static void awaitSignal() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              // Let the main thread close the console and decide the status (0), not the 143 of
              // the signal.
              ExitStatus.haltWhenDecided(Duration.ofSeconds(30));
            },
            "lanes-console-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } finally {
      removeHook(hook);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the shutdown that woke us is under way; the hook is running
    }
  }
}
