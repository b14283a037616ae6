package dev.lanes.tools.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code lanes} CLI in a JVM of its own, started from the jar the build packaged, as an
 * operator would run it: a worker can then be killed with SIGKILL or stopped with SIGTERM like a
 * real one. Its output goes to a file, shown when a drill fails.
 */
final class LanesProcess {

  // Each worker gets the heap a small container would give it, so a drill also catches a worker
  // that needs more.
  private static final String MAX_HEAP = "-Xmx256m";
  // Under the build (classes in a directory) the drills run the jar the package phase made.
  private static final Path BUILT_JAR = Path.of("target", "lanes-tools.jar");
  private static final Path JAR = locateJar();

  private final String name;
  private final Process process;
  private final Path output;

  private LanesProcess(String name, Process process, Path output) {
    this.name = name;
    this.process = process;
    this.output = output;
  }

  /** Starts {@code lanes <args>}; {@code name} names its output file in {@code dir}. */
  static LanesProcess start(String name, Path dir, List<String> args) {
    return start(name, dir, args, Map.of());
  }

  /** Starts {@code lanes <args>} with {@code env} added to this JVM's environment. */
  static LanesProcess start(String name, Path dir, List<String> args, Map<String, String> env) {
    return start(name, dir, args, env, List.of());
  }

  /**
   * As {@link #start(String, Path, List, Map)}, the command after {@code commandPrefix}, e.g. a
   * zone network's {@code ip netns exec <namespace>}, which execs java in place (same pid).
   */
  static LanesProcess start(
      String name,
      Path dir,
      List<String> args,
      Map<String, String> env,
      List<String> commandPrefix) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: drills run the packaged CLI, so run 'mvn verify'");
    }
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(MAX_HEAP);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(args);
    Path output = dir.resolve(name + ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      return new LanesProcess(name, process, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs {@code lanes <args>} to its end and fails unless it exits 0. */
  static void runToCompletion(String name, Path dir, List<String> args, Duration timeout) {
    LanesProcess cli = start(name, dir, args);
    int exit = cli.awaitExit(timeout);
    if (exit != 0) {
      throw new IllegalStateException("lanes " + args + " exited " + exit + ":\n" + cli.output());
    }
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the output has a line containing {@code text}; fails if the process ends. */
  void awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " ended before saying '" + text + "':\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not say '" + text + "':\n" + output());
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** SIGKILL: no drain, no commit, no shutdown hook. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, then waits for the drain and commit; returns the exit code. */
  int terminate(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            name + " did not exit within " + timeout + ":\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + name, e);
    }
  }

  /** The last {@code lines} lines of the output. */
  String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
  }

  String output() {
    try {
      return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  /**
   * The jar this class was loaded from, when it was: {@code lanes drill} starts its workers from
   * the distribution it runs in. Otherwise (tests, IDE) the module's packaged jar.
   */
  private static Path locateJar() {
    try {
      Path source =
          Path.of(LanesProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(source) ? source : BUILT_JAR;
    } catch (java.net.URISyntaxException | SecurityException e) {
      return BUILT_JAR;
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
