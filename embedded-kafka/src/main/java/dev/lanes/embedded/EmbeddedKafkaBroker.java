package dev.lanes.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM,
 * listening on 127.0.0.1 only, with its data in a temporary directory that {@link #close()}
 * deletes.
 *
 * <p>Topics are never auto-created. Code that creates topics should wait until every partition has
 * a leader before producing (KAFKA-15591).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  // Free ports are picked before the broker binds them; a third try covers a lost race.
  private static final int START_ATTEMPTS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path workDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path workDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.workDir = workDir;
  }

  /** Starts a broker with the default single-node settings; returns once it serves clients. */
  public static EmbeddedKafkaBroker start() {
    return start(Map.of());
  }

  /**
   * Starts a broker whose settings are the single-node defaults with {@code brokerConfigOverrides}
   * applied on top; returns once it serves clients.
   */
  public static EmbeddedKafkaBroker start(Map<String, String> brokerConfigOverrides) {
    Map<String, String> overrides =
        Map.copyOf(Objects.requireNonNull(brokerConfigOverrides, "brokerConfigOverrides"));
    long startedAt = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        EmbeddedKafkaBroker broker = startOnce(overrides);
        log.info(
            "Embedded Kafka broker started bootstrapServers={} startupMs={}",
            broker.bootstrapServers,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return broker;
      } catch (RuntimeException e) {
        // Fixed ports from the overrides would only fail the same way again.
        boolean portsArePicked = !overrides.containsKey("listeners");
        if (attempt == START_ATTEMPTS || !portsArePicked || !isBindFailure(e)) {
          throw e;
        }
        log.warn(
            "Embedded Kafka port was taken before the broker bound it, retrying attempt={}",
            attempt);
      }
    }
  }

  /** The address clients connect to, e.g. {@code 127.0.0.1:53817}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The temporary directory holding the broker's settings file, data and metadata logs. */
  public Path logDir() {
    return workDir;
  }

  /** Shuts the broker down and deletes its log directory. Calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stop();
    log.info("Embedded Kafka broker stopped bootstrapServers={}", bootstrapServers);
  }

  private void stop() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteRecursively(workDir);
    }
  }

  private static EmbeddedKafkaBroker startOnce(Map<String, String> overrides) {
    Path workDir = createWorkDir();
    ListenerPorts ports = ListenerPorts.pickFree();
    KafkaRaftServer server;
    try {
      Map<String, String> settings =
          BrokerConfig.singleNode(ports, workDir.resolve("data"), overrides);
      KraftStorage.format(settings, workDir);
      // doLog=false: the full config dump is hundreds of lines nobody reads in a test.
      server = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
    } catch (RuntimeException e) {
      deleteAfterFailure(workDir, e);
      throw e;
    }
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(server, BrokerConfig.HOST + ":" + ports.broker(), workDir);
    try {
      // startup() returns once the broker is unfenced; the admin check proves clients get in.
      server.startup();
      broker.awaitServing();
      return broker;
    } catch (RuntimeException e) {
      // A failed startup can leave the controller half of the node running.
      try {
        broker.stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
  }

  private void awaitServing() {
    Map<String, Object> adminConfig =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(adminConfig)) {
      Collection<Node> nodes =
          admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (nodes.stream().noneMatch(node -> node.id() == BrokerConfig.NODE_ID)) {
        throw new IllegalStateException(
            "Embedded Kafka broker at "
                + bootstrapServers
                + " did not report itself, nodes="
                + nodes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while waiting for Kafka broker at " + bootstrapServers, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Embedded Kafka broker at "
              + bootstrapServers
              + " did not serve clients within "
              + READY_TIMEOUT,
          e);
    }
  }

  private static boolean isBindFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("lanes-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary Kafka log directory", e);
    }
  }

  private static void deleteAfterFailure(Path dir, RuntimeException failure) {
    try {
      deleteRecursively(dir);
    } catch (RuntimeException deleteFailure) {
      failure.addSuppressed(deleteFailure);
    }
  }

  private static void deleteRecursively(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete Kafka log directory " + dir, e);
    }
  }
}
