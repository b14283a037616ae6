package dev.lanes.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * The process of one {@link ClusterNode}: {@code ClusterNodeMain <server.properties>} runs a KRaft
 * node (formatted by the parent) until SIGTERM, which shuts it down cleanly. It exits too when its
 * standard input closes: the parent holds the other end of that pipe, and the operating system
 * closes it when the parent dies however it dies, so a killed test run leaves no broker behind.
 */
final class ClusterNodeMain {

  /** Printed once the node is up; the parent's readiness check is a client request, not this. */
  static final String STARTED = "lanes cluster node started";

  // A clean shutdown that needs a quorum of nodes that are gone too can wait for ever.
  private static final long ORPHAN_SHUTDOWN_MS = 60_000;

  private ClusterNodeMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ClusterNodeMain <server.properties>");
      System.exit(2);
    }
    watchParent();
    KafkaRaftServer server =
        new KafkaRaftServer(new KafkaConfig(load(Path.of(args[0])), false), Time.SYSTEM);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> shutDown(server), "cluster-node-shutdown"));
    try {
      server.startup();
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.out.println(STARTED);
    server.awaitShutdown();
  }

  private static void shutDown(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  private static void watchParent() {
    Thread watcher =
        new Thread(
            () -> {
              drain(System.in);
              // Also seen on a normal stop: the JDK closes a child's pipes right after sending it
              // SIGTERM.
              System.err.println("lanes cluster node: standard input closed, shutting down");
              Thread halter =
                  new Thread(
                      () -> {
                        sleepQuietly(ORPHAN_SHUTDOWN_MS);
                        Runtime.getRuntime().halt(1);
                      },
                      "cluster-node-orphan-halt");
              halter.setDaemon(true);
              halter.start();
              System.exit(0);
            },
            "cluster-node-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // The parent never writes; anything it does is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end of input: the parent is gone.
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read node settings " + file, e);
    }
    Map<String, String> settings = new HashMap<>();
    properties.forEach((key, value) -> settings.put((String) key, (String) value));
    return settings;
  }
}
