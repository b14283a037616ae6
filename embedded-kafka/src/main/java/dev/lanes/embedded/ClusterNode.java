package dev.lanes.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link KafkaCluster}: a KRaft broker and controller in its own JVM, in one zone.
 * The operations are what a zone outage does to a machine: a clean stop, a crash (SIGKILL), a hang
 * (SIGSTOP: the process keeps its sockets but answers nothing) and a restart on the same ports and
 * data.
 */
public final class ClusterNode {

  // Three JVMs booting on a busy two-core CI runner took 42 s once; an idle laptop takes 10.
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final int id;
  private final String zone;
  private final String bootstrapServer;
  private final NodeProcess launcher;
  private Process process;
  private boolean frozen;

  ClusterNode(int id, String zone, String bootstrapServer, NodeProcess launcher) {
    this.id = id;
    this.zone = zone;
    this.bootstrapServer = bootstrapServer;
    this.launcher = launcher;
  }

  public int id() {
    return id;
  }

  public String zone() {
    return zone;
  }

  /** This node's client address alone, e.g. {@code 127.0.0.1:9093}. */
  public String bootstrapServer() {
    return bootstrapServer;
  }

  /** The process id of the node's JVM (of its latest start). */
  public synchronized long pid() {
    requireStarted();
    return process.pid();
  }

  /** Whether the node's process is alive; a frozen node is. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** SIGTERM: the node shuts down cleanly (hands its leaderships over); waits until it exited. */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    process.destroy();
    // A stopped process only acts on the SIGTERM once it runs again.
    thawIfFrozen();
    if (!awaitExit(STOP_TIMEOUT)) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
      throw new IllegalStateException(
          "Node "
              + id
              + " ("
              + zone
              + ") did not stop within "
              + STOP_TIMEOUT
              + ", killed it; log "
              + logFile());
    }
  }

  /** SIGKILL: the node dies at once, as in a power loss; waits until the process is gone. */
  public synchronized void kill() {
    if (!isRunning()) {
      return;
    }
    process.destroyForcibly();
    frozen = false;
    awaitExit(STOP_TIMEOUT);
  }

  /**
   * SIGSTOP: the process stays alive and keeps its sockets open but answers nothing, like a hung
   * machine. The controllers fence it after broker.session.timeout.ms (9 s) and move its
   * leaderships; until then clients wait on it. Thaw it or close the cluster: a frozen node cannot
   * notice that this JVM died, so a test JVM killed outright (SIGKILL) leaves it stopped behind.
   */
  public synchronized void freeze() {
    requireRunning("freeze");
    launcher.signal(process.pid(), "STOP");
    frozen = true;
  }

  /** SIGCONT: a frozen node runs again, catches up and rejoins the ISRs. */
  public synchronized void thaw() {
    requireRunning("thaw");
    thawIfFrozen();
  }

  /**
   * Starts the node again on its ports, data and id (stopping it cleanly first if it runs); returns
   * once it serves clients.
   */
  public void restart() {
    synchronized (this) {
      stop();
      launch();
    }
    awaitServing(START_TIMEOUT);
  }

  /** The node process's output (all its starts, appended), for failure messages. */
  public Path logFile() {
    return launcher.logFile();
  }

  synchronized void launch() {
    if (isRunning()) {
      throw new IllegalStateException("Node " + id + " (" + zone + ") is already running");
    }
    process = launcher.start();
    frozen = false;
  }

  /** Waits until this node answers clients and counts itself in the cluster (it is unfenced). */
  void awaitServing(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitStarted(deadline);
    ClusterProbe.awaitNodes(
        bootstrapServer,
        Set.of(id),
        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
        this::requireAliveWhileStarting);
  }

  /**
   * Waits for the node's own word that it started, so the client check that follows does not log a
   * refused connection every 100 ms while the JVM boots.
   */
  void awaitStarted(long deadlineNanos) {
    while (!launcher.reportedStarted()) {
      requireAliveWhileStarting();
      if (System.nanoTime() > deadlineNanos) {
        throw new IllegalStateException(
            "Node "
                + id
                + " ("
                + zone
                + ") did not start in time, its log "
                + logFile()
                + " ends:\n"
                + launcher.logTail());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for node " + id + " to start", e);
      }
    }
  }

  /** Sends SIGTERM without waiting, so a whole cluster shuts down in parallel. */
  synchronized void beginStop() {
    if (isRunning()) {
      process.destroy();
      thawIfFrozen();
    }
  }

  /** Waits until the process exited, killing it once {@code deadline} (nanoTime) has passed. */
  synchronized void finishStop(long deadlineNanos) {
    if (process == null) {
      return;
    }
    if (!awaitExit(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
    }
  }

  /** Every process this node ran, alive or not, for leak checks. */
  synchronized List<ProcessHandle> processHandle() {
    return process == null ? List.of() : List.of(process.toHandle());
  }

  boolean logMentionsPortTaken() {
    return launcher.logContains("Address already in use");
  }

  void requireAliveWhileStarting() {
    if (!isRunning()) {
      throw new IllegalStateException(
          "Node "
              + id
              + " ("
              + zone
              + ") exited while starting, its log "
              + logFile()
              + " ends:\n"
              + launcher.logTail());
    }
  }

  private void thawIfFrozen() {
    if (frozen) {
      launcher.signal(process.pid(), "CONT");
      frozen = false;
    }
  }

  private void requireStarted() {
    if (process == null) {
      throw new IllegalStateException("Node " + id + " (" + zone + ") was never started");
    }
  }

  private void requireRunning(String action) {
    if (!isRunning()) {
      throw new IllegalStateException(
          "Cannot " + action + " node " + id + " (" + zone + "): it is not running");
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for node " + id + " to exit", e);
    }
  }

  @Override
  public String toString() {
    return "node " + id + " (" + zone + ", " + bootstrapServer + ")";
  }
}
