package dev.lanes.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A local Kafka cluster of N KRaft nodes (combined broker and controller, N voters), each in its
 * own JVM, racks zone-a, zone-b, ... CONTRACT STUB: replaced by the i16-cluster branch.
 */
public final class KafkaCluster implements AutoCloseable {

  private KafkaCluster() {}

  /** Data in a temporary directory that {@link #close()} deletes; client ports picked free. */
  public static KafkaCluster start(int nodes) {
    throw new UnsupportedOperationException("contract stub");
  }

  /**
   * Data in {@code workDir/node-<id>}, kept; client ports firstPort, firstPort+1, ... (0: free).
   */
  public static KafkaCluster start(Path workDir, int nodes, int firstPort) {
    throw new UnsupportedOperationException("contract stub");
  }

  public String bootstrapServers() {
    throw new UnsupportedOperationException("contract stub");
  }

  public List<ClusterNode> nodes() {
    throw new UnsupportedOperationException("contract stub");
  }

  public ClusterNode node(String zone) {
    throw new UnsupportedOperationException("contract stub");
  }

  public List<String> zones() {
    throw new UnsupportedOperationException("contract stub");
  }

  /** Waits until every partition of every topic has all replicas in sync; returns how long. */
  public Duration awaitInSync(Duration timeout) {
    throw new UnsupportedOperationException("contract stub");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("contract stub");
  }
}
