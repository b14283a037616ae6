package dev.lanes.embedded;

import java.nio.file.Path;

/** One node of a {@link KafkaCluster}: a JVM of its own. CONTRACT STUB: see i16-cluster. */
public final class ClusterNode {

  private ClusterNode() {}

  public int id() {
    throw new UnsupportedOperationException("contract stub");
  }

  public String zone() {
    throw new UnsupportedOperationException("contract stub");
  }

  public String bootstrapServer() {
    throw new UnsupportedOperationException("contract stub");
  }

  public long pid() {
    throw new UnsupportedOperationException("contract stub");
  }

  public boolean isRunning() {
    throw new UnsupportedOperationException("contract stub");
  }

  /** SIGTERM, waits for the clean exit. */
  public void stop() {
    throw new UnsupportedOperationException("contract stub");
  }

  /** SIGKILL, waits for the process to be gone. */
  public void kill() {
    throw new UnsupportedOperationException("contract stub");
  }

  /** SIGSTOP: alive, holds its sockets, answers nothing. */
  public void freeze() {
    throw new UnsupportedOperationException("contract stub");
  }

  /** SIGCONT. */
  public void thaw() {
    throw new UnsupportedOperationException("contract stub");
  }

  /** Starts again with the same ports, data and id; returns once it serves clients. */
  public void restart() {
    throw new UnsupportedOperationException("contract stub");
  }

  public Path logFile() {
    throw new UnsupportedOperationException("contract stub");
  }
}
