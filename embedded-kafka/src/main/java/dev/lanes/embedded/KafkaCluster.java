package dev.lanes.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kafka cluster of N KRaft nodes (each a combined broker and controller, all N voters),
 * each in its own JVM and its own zone ({@code broker.rack} zone-a, zone-b, ...), listening on
 * 127.0.0.1 only, or each in its own network namespace of a {@link ZoneNetwork}. Its nodes can be
 * stopped, killed, frozen and restarted one by one, which an in-process broker cannot: a SIGKILL or
 * SIGSTOP would hit the test too.
 *
 * <p>Topics get 3 replicas (fewer on a smaller cluster) and need 2 in sync for acks=all, as in
 * docker-compose.yml. Code that creates topics should wait until every partition has a leader
 * before producing (KAFKA-15591).
 */
public final class KafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

  // Ports are picked before the nodes bind them; another try covers a lost race.
  private static final int START_ATTEMPTS = 3;
  private static final String LOG_FILE = "node.log";

  private final ClusterLayout layout;
  private final List<ClusterNode> nodes;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final Thread leakGuard;
  private boolean closed;

  private KafkaCluster(
      ClusterLayout layout, List<ClusterNode> nodes, Path workDir, boolean ownsWorkDir) {
    this.layout = layout;
    this.nodes = nodes;
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
    // If this JVM exits without close() (a test that failed to, Ctrl-C), stop the nodes with it.
    this.leakGuard = new Thread(this::close, "kafka-cluster-close");
    Runtime.getRuntime().addShutdownHook(leakGuard);
  }

  /** Data in a temporary directory deleted by {@link #close()}; client ports picked free. */
  public static KafkaCluster start(int nodes) {
    new ClusterLayout(nodes, 1); // refuses a bad count before anything is created
    return startInTempDir(nodes, Placement.loopback(nodes));
  }

  /**
   * As {@link #start(int)}, each node inside its zone of {@code network} (node i in zone {@code
   * zones().get(i - 1)}): its JVM runs in the zone's namespace and listens and advertises on the
   * zone's address, so {@link ZoneNetwork#cut} partitions it from the other nodes and from clients
   * while it keeps running. The network must have a zone for every node; close the cluster before
   * the network.
   */
  public static KafkaCluster start(int nodes, ZoneNetwork network) {
    return startInTempDir(nodes, Placement.in(network, nodes));
  }

  /**
   * As {@link #start(int, ZoneNetwork)}, with the data and the nodes' logs in {@code
   * workDir/node-<id>}, kept by {@link #close()}; client ports picked free.
   */
  public static KafkaCluster start(Path workDir, int nodes, ZoneNetwork network) {
    Objects.requireNonNull(workDir, "workDir");
    return startRetrying(workDir.toAbsolutePath(), nodes, 0, false, Placement.in(network, nodes));
  }

  private static KafkaCluster startInTempDir(int nodes, Placement placement) {
    Path workDir = createTempDir();
    try {
      return startRetrying(workDir, nodes, 0, true, placement);
    } catch (RuntimeException e) {
      try {
        deleteRecursively(workDir);
      } catch (RuntimeException deleteFailure) {
        e.addSuppressed(deleteFailure);
      }
      throw e;
    }
  }

  /**
   * Data in {@code workDir/node-<id>}, kept by {@link #close()}: starting again with the same
   * directory and first port brings the same cluster back, with its topics, records and offsets.
   * Node i takes client port {@code firstPort + i - 1} and controller port {@code firstPort + nodes
   * + i - 1}; {@code firstPort} 0 picks a free block.
   */
  public static KafkaCluster start(Path workDir, int nodes, int firstPort) {
    Objects.requireNonNull(workDir, "workDir");
    if (firstPort != 0) {
      new ClusterLayout(nodes, firstPort); // names a bad count or port before anything starts
    }
    return startRetrying(
        workDir.toAbsolutePath(), nodes, firstPort, false, Placement.loopback(nodes));
  }

  /** Where each node listens and what its command starts with, in node id order. */
  private record Placement(List<String> hosts, List<List<String>> commandPrefixes) {

    static Placement loopback(int nodes) {
      return new Placement(
          ClusterLayout.loopback(nodes), Collections.nCopies(Math.max(0, nodes), List.of()));
    }

    /** Node i in the network's zone of node i; refuses a network without those zones. */
    static Placement in(ZoneNetwork network, int nodes) {
      Objects.requireNonNull(network, "network");
      // Refuses a bad count before anything is created.
      List<String> zones = new ClusterLayout(nodes, 1).zones();
      if (!network.zones().containsAll(zones)) {
        throw new IllegalArgumentException(
            "a cluster of "
                + nodes
                + " nodes needs zones "
                + zones
                + ", the network has "
                + network.zones());
      }
      return new Placement(
          zones.stream().map(network::address).toList(),
          zones.stream().map(network::commandPrefix).toList());
    }
  }

  private static KafkaCluster startRetrying(
      Path workDir, int nodes, int firstPort, boolean ownsWorkDir, Placement placement) {
    long startedAt = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      ClusterLayout layout =
          new ClusterLayout(
              nodes,
              firstPort != 0 ? firstPort : FreePortBlock.find(ClusterLayout.portCount(nodes)),
              placement.hosts());
      List<ClusterNode> started = prepare(layout, workDir, placement.commandPrefixes());
      KafkaCluster cluster = null;
      try {
        started.forEach(ClusterNode::launch);
        cluster = new KafkaCluster(layout, started, workDir, ownsWorkDir);
        cluster.awaitAllServing();
        log.info(
            "Kafka cluster started nodes={} bootstrapServers={} startupMs={}",
            nodes,
            layout.bootstrapServers(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return cluster;
      } catch (RuntimeException e) {
        boolean portTaken = started.stream().anyMatch(ClusterNode::logMentionsPortTaken);
        stopAll(started);
        if (cluster != null) {
          cluster.releaseLeakGuard();
        }
        if (attempt == START_ATTEMPTS || firstPort != 0 || !portTaken) {
          throw e;
        }
        log.warn(
            "Kafka cluster port was taken before a node bound it, retrying attempt={}", attempt);
      }
    }
  }

  /** Formats the nodes' storage on a first start and writes each node's settings file. */
  private static List<ClusterNode> prepare(
      ClusterLayout layout, Path workDir, List<List<String>> commandPrefixes) {
    List<Path> nodeDirs = new ArrayList<>();
    for (int id = 1; id <= layout.nodes(); id++) {
      nodeDirs.add(createDirectories(workDir.resolve("node-" + id)));
    }
    long formatted =
        nodeDirs.stream()
            .filter(dir -> Files.exists(dataDir(dir).resolve("meta.properties")))
            .count();
    if (formatted != 0 && formatted != layout.nodes()) {
      throw new IllegalStateException(
          workDir
              + " holds "
              + formatted
              + " formatted nodes, not "
              + layout.nodes()
              + ": a cluster cannot change its size; use another directory");
    }
    // One id for all: the controllers of different clusters refuse each other.
    String clusterId = Uuid.randomUuid().toString();
    List<ClusterNode> nodes = new ArrayList<>();
    for (int id = 1; id <= layout.nodes(); id++) {
      Path dir = nodeDirs.get(id - 1);
      var settings = layout.nodeSettings(id, dataDir(dir));
      if (formatted == 0) {
        KraftStorage.format(settings, dir, clusterId);
      } else {
        // Ports may differ from the last start (picked free then); the data stays.
        KraftStorage.writeSettings(settings, dir);
      }
      NodeProcess process =
          new NodeProcess(
              dir.resolve("server.properties"), dir.resolve(LOG_FILE), commandPrefixes.get(id - 1));
      nodes.add(new ClusterNode(id, ClusterLayout.zoneOf(id), layout.bootstrapServer(id), process));
    }
    return nodes;
  }

  /**
   * The client addresses of all nodes, e.g. {@code 127.0.0.1:9092,127.0.0.1:9093,...} (the zones'
   * addresses in a {@link ZoneNetwork}).
   */
  public String bootstrapServers() {
    return layout.bootstrapServers();
  }

  /** The nodes in id order; node i is in zone {@code zones().get(i - 1)}. */
  public List<ClusterNode> nodes() {
    return nodes;
  }

  /** The node in {@code zone}; an unknown zone is refused naming the cluster's zones. */
  public ClusterNode node(String zone) {
    return nodes.get(layout.nodeIdOf(zone) - 1);
  }

  /** zone-a, zone-b, zone-c (and zone-d, zone-e on five nodes). */
  public List<String> zones() {
    return layout.zones();
  }

  /**
   * Waits until every partition of every topic (internal ones included) has a leader and all its
   * replicas in sync; returns how long that took. Throws {@link IllegalStateException} naming the
   * lagging partitions after {@code timeout}.
   */
  public Duration awaitInSync(Duration timeout) {
    return ClusterProbe.awaitInSync(bootstrapServers(), timeout);
  }

  /**
   * Stops every node together (SIGTERM, a clean shutdown; SIGKILL for a node still up after 60 s)
   * and deletes the data unless the caller gave the directory. Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll(nodes);
    releaseLeakGuard();
    if (ownsWorkDir) {
      deleteRecursively(workDir);
    }
    log.info("Kafka cluster stopped bootstrapServers={}", bootstrapServers());
  }

  private void releaseLeakGuard() {
    try {
      Runtime.getRuntime().removeShutdownHook(leakGuard);
    } catch (IllegalStateException shuttingDown) {
      // This JVM is exiting, close() may be that very hook: nothing to remove.
    }
  }

  /** Every process a node of this cluster ran, for tests that check none is left behind. */
  List<ProcessHandle> processes() {
    return nodes.stream().flatMap(node -> node.processHandle().stream()).toList();
  }

  private void awaitAllServing() {
    long deadline = System.nanoTime() + ClusterNode.START_TIMEOUT.toNanos();
    nodes.forEach(node -> node.awaitStarted(deadline));
    Set<Integer> ids = nodes.stream().map(ClusterNode::id).collect(Collectors.toSet());
    ClusterProbe.awaitNodes(
        bootstrapServers(),
        ids,
        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
        () -> nodes.forEach(ClusterNode::requireAliveWhileStarting));
  }

  // In parallel: a node whose peers are gone waits for a quorum; one by one would add that up.
  private static void stopAll(List<ClusterNode> nodes) {
    nodes.forEach(ClusterNode::beginStop);
    long deadline = System.nanoTime() + ClusterNode.STOP_TIMEOUT.toNanos();
    nodes.forEach(node -> node.finishStop(deadline));
  }

  private static Path dataDir(Path nodeDir) {
    return nodeDir.resolve("data");
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("lanes-kafka-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary Kafka cluster directory", e);
    }
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create Kafka node directory " + dir, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete Kafka cluster directory " + dir, e);
    }
  }
}
