package dev.lanes.tools;

import dev.lanes.LaneConfig;
import dev.lanes.app.ExitStatus;
import dev.lanes.app.TimeoutOption;
import dev.lanes.console.Console;
import dev.lanes.console.ConsoleSettings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lanes demo --console}: after the story, the console on the demo's broker and lanes, so the
 * dead letters the story made are there to look at and replay, until Ctrl-C.
 */
final class DemoConsole {

  // Short, like lanes console's default: a page waits no longer for Kafka than this.
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

  private final String token;
  private final PrintStream out;

  /**
   * @param token the console's token (LANES_CONSOLE_TOKEN), or null to generate and print one
   */
  DemoConsole(String token, PrintStream out) {
    this.token = token;
    this.out = out;
  }

  /** Serves the console on {@code bootstrapServers} for {@code lanes} until SIGTERM or Ctrl-C. */
  void serveUntilStopped(String bootstrapServers, List<LaneConfig> lanes)
      throws InterruptedException {
    Map<String, Object> client =
        TimeoutOption.applyTo(KAFKA_TIMEOUT, Map.of("bootstrap.servers", bootstrapServers));
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              // The demo's main thread closes the console and the broker, then decides the status.
              ExitStatus.haltWhenDecided(Duration.ofSeconds(60));
            },
            "lanes-demo-console-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Console console = start(client, lanes)) {
      out.printf("%nlanes: the console is open at %s%n", console.uri());
      if (token == null) {
        out.printf(
            "lanes: its token (to replay dead letters): %s (set LANES_CONSOLE_TOKEN to choose it)%n",
            console.token());
      }
      out.println("lanes: the broker stays up with the demo's dead letters; Ctrl-C stops both");
      out.flush();
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the shutdown that woke us is under way
      }
    }
  }

  /** On lanes console's port, or on any free one when that is taken. */
  private Console start(Map<String, Object> client, List<LaneConfig> lanes) {
    try {
      return Console.start(settings(client, lanes, ConsoleSettings.DEFAULT_PORT));
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof BindException)) {
        throw e;
      }
      out.printf(
          "lanes: port %d is taken; the console takes a free one%n", ConsoleSettings.DEFAULT_PORT);
      return Console.start(settings(client, lanes, 0));
    }
  }

  private ConsoleSettings settings(Map<String, Object> client, List<LaneConfig> lanes, int port) {
    return new ConsoleSettings(
        client, lanes, ConsoleSettings.DEFAULT_BIND, port, token, Clock.systemUTC());
  }
}
