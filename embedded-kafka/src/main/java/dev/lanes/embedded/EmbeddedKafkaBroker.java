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
import java.util.function.Supplier;
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
 * deletes, or in a directory of the caller's that outlives it ({@link #start(Path, int)}).
 *
 * <p>Topics are never auto-created. Code that creates topics should wait until every partition has
 * a leader before producing (KAFKA-15591).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  // Free ports are picked before the broker binds them; a third try covers a lost race.
  private static final int START_ATTEMPTS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final String DATA_DIR = "data";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path workDir;
  private final boolean keepWorkDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, String bootstrapServers, Path workDir, boolean keepWorkDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.workDir = workDir;
    this.keepWorkDir = keepWorkDir;
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
    // Fixed ports from the overrides would only fail the same way again.
    boolean portsArePicked = !overrides.containsKey("listeners");
    return startRetrying(
        () -> startOnce(overrides, createWorkDir(), false, ListenerPorts.pickFree()),
        portsArePicked);
  }

  /**
   * Starts a broker with the default single-node settings whose settings file and data live in
   * {@code workDir}, listening for clients on {@code port} (0 picks a free one); returns once it
   * serves clients. An empty directory is formatted first; {@link #close()} keeps the directory, so
   * starting again with the same directory and port brings back the same cluster with its topics,
   * records and committed offsets, at the address clients already know: for tests of a broker
   * outage. The caller deletes the directory.
   */
  public static EmbeddedKafkaBroker start(Path workDir, int port) {
    Objects.requireNonNull(workDir, "workDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    createDirectories(workDir);
    // The controller port is picked each time, so a lost race is worth another try.
    return startRetrying(
        () -> startOnce(Map.of(), workDir, true, ListenerPorts.withBrokerPort(port)), true);
  }

  private static EmbeddedKafkaBroker startRetrying(
      Supplier<EmbeddedKafkaBroker> startOnce, boolean retryOnBindFailure) {
    long startedAt = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        EmbeddedKafkaBroker broker = startOnce.get();
        log.info(
            "Embedded Kafka broker started bootstrapServers={} startupMs={}",
            broker.bootstrapServers,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return broker;
      } catch (RuntimeException e) {
        if (attempt == START_ATTEMPTS || !retryOnBindFailure || !isBindFailure(e)) {
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

  /** The directory holding the broker's settings file, data and metadata logs. */
  public Path logDir() {
    return workDir;
  }

  /**
   * Shuts the broker down and deletes its log directory, unless the caller gave it ({@link
   * #start(Path, int)}). Calling it again does nothing.
   */
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
      if (!keepWorkDir) {
        deleteRecursively(workDir);
      }
    }
  }

  private static EmbeddedKafkaBroker startOnce(
      Map<String, String> overrides, Path workDir, boolean keepWorkDir, ListenerPorts ports) {
    KafkaRaftServer server;
    try {
      Path dataDir = workDir.resolve(DATA_DIR);
      Map<String, String> settings = BrokerConfig.singleNode(ports, dataDir, overrides);
      // Formatting again would give the data a new cluster id the stored logs do not match.
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        KraftStorage.format(settings, workDir);
      }
      // doLog=false: the full config dump is hundreds of lines nobody reads in a test.
      server = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
    } catch (RuntimeException e) {
      if (!keepWorkDir) {
        deleteAfterFailure(workDir, e);
      }
      throw e;
    }
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(
            server, BrokerConfig.HOST + ":" + ports.broker(), workDir, keepWorkDir);
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

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create Kafka log directory " + dir, e);
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
