package dev.lanes.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts and signals the JVM of one cluster node. */
final class NodeProcess {

  /**
   * Measured on Kafka 4.4 with this module's small-footprint settings: a node idles at about 90 MB
   * of heap. 384 MB leaves room for a drill's load; three nodes plus the test JVM fit a laptop.
   * SerialGC: a node needs no parallel collector, and it saves threads and memory on the two cores
   * a CI runner has.
   */
  static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx384m",
          "-XX:+UseSerialGC",
          "-Djava.awt.headless=true",
          "-Dlogback.configurationFile=dev/lanes/embedded/cluster-node-logback.xml");

  private static final int LOG_TAIL_LINES = 40;

  private final Path settingsFile;
  private final Path logFile;
  private final List<String> commandPrefix;
  // The log is appended over restarts: a start is confirmed by one more STARTED line than before.
  private long startsLoggedBefore;

  /**
   * {@code commandPrefix} goes before the java command, e.g. a {@link ZoneNetwork}'s {@code ip
   * netns exec <namespace>}, which execs java in place: the process started is the JVM itself.
   */
  NodeProcess(Path settingsFile, Path logFile, List<String> commandPrefix) {
    this.settingsFile = settingsFile;
    this.logFile = logFile;
    this.commandPrefix = List.copyOf(commandPrefix);
  }

  Path logFile() {
    return logFile;
  }

  /**
   * Starts the node's JVM with this JVM's class path (absolute, so it does not depend on the
   * working directory; a jar's manifest Class-Path is honoured under -cp as under -jar). Its output
   * is appended to the log file. Its standard input stays an open pipe: the node exits when it
   * closes, that is when this JVM is gone.
   */
  Process start() {
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(absoluteClassPath(System.getProperty("java.class.path")));
    command.add(ClusterNodeMain.class.getName());
    command.add(settingsFile.toAbsolutePath().toString());
    try {
      startsLoggedBefore = startsLogged();
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a cluster node JVM: " + command, e);
    }
  }

  static String absoluteClassPath(String classPath) {
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Sends a signal by name (STOP, CONT): the JDK can only send TERM and KILL itself. */
  void signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run kill -" + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted sending " + signal + " to " + pid, e);
    }
  }

  /** Whether the latest start printed {@link ClusterNodeMain#STARTED}. */
  boolean reportedStarted() {
    return startsLogged() > startsLoggedBefore;
  }

  private long startsLogged() {
    return readLog().lines().filter(ClusterNodeMain.STARTED::equals).count();
  }

  boolean logContains(String text) {
    return readLog().contains(text);
  }

  String logTail() {
    List<String> lines = readLog().lines().toList();
    return String.join(
        "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }

  private String readLog() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(could not read " + logFile + ": " + e + ")";
    }
  }
}
