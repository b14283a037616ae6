package dev.lanes.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code lanes run} worker in a JVM of its own, started from this JVM's java and class path, so
 * what is measured of it (its heap) holds the worker alone and not the bench's broker or producer.
 * Its output goes to the bench's log prefixed {@code worker:}; the HTTP port it prints on start-up
 * is where its metrics are read.
 */
final class WorkerProcess implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("health and metrics on port (\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration EXIT_WHEN_IDLE = Duration.ofSeconds(1);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

  private final Process process;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final List<String> lastLines = new ArrayList<>();

  private WorkerProcess(Process process, BenchContext bench) {
    this.process = process;
    Thread reader = new Thread(() -> echo(bench), "bench-worker-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code lanes run --config config} on the bench's cluster with {@code jvmOptions} (such
   * as {@code -Xmx256m}), an HTTP port picked by the OS, and returns once its endpoints are up.
   */
  static WorkerProcess start(BenchContext bench, Path config, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.lanes.app.LanesMain");
    command.addAll(
        List.of(
            "run",
            "--bootstrap-server",
            bench.bootstrapServers(),
            "--config",
            config.toString(),
            "--http-port",
            "0",
            "--exit-when-idle",
            Long.toString(EXIT_WHEN_IDLE.toSeconds())));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the worker JVM " + command, e);
    }
    WorkerProcess worker = new WorkerProcess(process, bench);
    worker.awaitPort();
    return worker;
  }

  /** The port of the worker's health and metrics endpoints. */
  int port() {
    return port.join();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the worker to exit by itself, which it does once it has had no lag and nothing in
   * flight for a second, draining and committing first. One that outstays {@code timeout} gets a
   * SIGTERM; one that ignores that too is killed and reported as failed. Returns the exit code: 0
   * for a worker that stopped by itself.
   */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(
              "the worker did not stop on SIGTERM; last output: " + lastOutput());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return process.exitValue();
  }

  /** The worker's last lines of output, for error messages. */
  synchronized String lastOutput() {
    return String.join(" | ", lastLines);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void awaitPort() {
    try {
      port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException(
          "the worker did not report its HTTP port; last output: " + lastOutput(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void echo(BenchContext bench) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        remember(line);
        bench.progress("worker: " + line);
        Matcher matcher = PORT.matcher(line);
        if (matcher.find()) {
          port.complete(Integer.parseInt(matcher.group(1)));
        }
      }
    } catch (IOException e) {
      // The worker's output closed under us: it exited, and stop() reports how.
    } finally {
      port.completeExceptionally(new IllegalStateException("the worker exited"));
    }
  }

  private synchronized void remember(String line) {
    lastLines.add(line);
    if (lastLines.size() > 5) {
      lastLines.remove(0);
    }
  }
}
