package dev.lanes.tools;

import dev.lanes.app.CommandConsole;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.ExitStatus;
import dev.lanes.app.ToolCommand;
import dev.lanes.app.UsageException;
import dev.lanes.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes broker}: a single-node KRaft broker for local work, until Ctrl-C. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-node Kafka broker (KRaft) in the foreground on 127.0.0.1, for local work.",
      "Its data stays in --data-dir, so a restart keeps topics, records and offsets."
    })
public final class BrokerCommand implements ToolCommand {

  @ParentCommand private CommandConsole console;

  @Option(names = "--port", description = "Client port (default: ${DEFAULT-VALUE}).")
  private int port = 9092;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}).")
  private Path dataDir = Path.of("lanes-data", "broker");

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new UsageException("--port must be 1..65535, was " + port);
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.toAbsolutePath(), port)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stop.countDown();
                    // Waits for the broker's clean stop, then exits 0 rather than the signal's 143.
                    ExitStatus.haltWhenDecided(Duration.ofMinutes(1));
                  },
                  "lanes-shutdown"));
      console
          .out()
          .printf(
              "lanes: broker ready at %s, data in %s (Ctrl-C stops it)%n",
              broker.bootstrapServers(), dataDir.toAbsolutePath());
      stop.await();
    }
    return ExitCodes.OK;
  }
}
