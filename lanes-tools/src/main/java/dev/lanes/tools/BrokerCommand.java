package dev.lanes.tools;

import dev.lanes.app.CommandConsole;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.ExitStatus;
import dev.lanes.app.ToolCommand;
import dev.lanes.app.UsageException;
import dev.lanes.embedded.ClusterNode;
import dev.lanes.embedded.EmbeddedKafkaBroker;
import dev.lanes.embedded.KafkaCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes broker}: a local Kafka broker, or a cluster of nodes in zones, until Ctrl-C. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Kafka (KRaft) in the foreground on 127.0.0.1, for local work: one broker in this",
      "process, or with --nodes 3 (or 5) a cluster of nodes in zones zone-a, zone-b, ..., each in",
      "its own process. Its data stays in --data-dir, so a restart keeps topics, records and offsets."
    })
public final class BrokerCommand implements ToolCommand {

  @ParentCommand private CommandConsole console;

  @Option(
      names = "--port",
      description =
          "Client port (default: ${DEFAULT-VALUE}). A cluster's node N listens on --port + N - 1;"
              + " its controllers take the next --nodes ports.")
  private int port = 9092;

  @Option(
      names = "--nodes",
      description =
          "1 (default): one broker in this process; 3 or 5: a cluster, one node per zone with"
              + " topics replicated 3 times and 2 replicas needed in sync.")
  private int nodes = 1;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the broker keeps its data (default: ${DEFAULT-VALUE}); a cluster's node N in"
              + " DIR/node-N.")
  private Path dataDir = Path.of("lanes-data", "broker");

  @Override
  public Integer call() throws InterruptedException {
    if (nodes != 1 && nodes != 3 && nodes != 5) {
      throw new UsageException("--nodes must be 1, 3 or 5, was " + nodes);
    }
    // A cluster takes 2 ports per node from --port on: clients, then controllers.
    int lastPort = nodes == 1 ? port : port + 2 * nodes - 1;
    if (port < 1 || lastPort > 65535) {
      throw new UsageException(
          nodes == 1
              ? "--port must be 1..65535, was " + port
              : "--port must be 1.."
                  + (65536 - 2 * nodes)
                  + " for "
                  + nodes
                  + " nodes, was "
                  + port);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Path data = dataDir.toAbsolutePath();
    PrintStream out = console.out();
    if (nodes == 1) {
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, port)) {
        stopOnSignal(stop);
        out.printf(
            "lanes: broker ready at %s, data in %s (Ctrl-C stops it)%n",
            broker.bootstrapServers(), data);
        stop.await();
      }
    } else {
      try (KafkaCluster cluster = KafkaCluster.start(data, nodes, port)) {
        stopOnSignal(stop);
        out.printf(
            "lanes: %d-node cluster ready at %s, data in %s (Ctrl-C stops it)%n",
            nodes, cluster.bootstrapServers(), data);
        for (ClusterNode node : cluster.nodes()) {
          out.printf(
              "lanes:   node %d in %s at %s, pid %d, log %s%n",
              node.id(), node.zone(), node.bootstrapServer(), node.pid(), node.logFile());
        }
        stop.await();
      }
    }
    return ExitCodes.OK;
  }

  private static void stopOnSignal(CountDownLatch stop) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  // Waits for the clean stop (a cluster's nodes get up to 60 s), then exits 0
                  // rather than the signal's 143.
                  ExitStatus.haltWhenDecided(Duration.ofSeconds(90));
                },
                "lanes-shutdown"));
  }
}
