package dev.lanes.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker daemon answers, without letting a stuck daemon stall tests.
 */
final class DockerProbe {

  private static final Logger log = LoggerFactory.getLogger(DockerProbe.class);

  // A healthy daemon answers in well under a second; a hung one must not hold up the run.
  private static final Duration LIMIT = Duration.ofSeconds(15);

  private DockerProbe() {}

  static boolean isDockerAvailable() {
    CompletableFuture<Boolean> check = new CompletableFuture<>();
    // A daemon thread: if the check hangs, it must not keep the JVM alive after the tests.
    Thread checker =
        new Thread(
            () -> {
              try {
                check.complete(DockerClientFactory.instance().isDockerAvailable());
              } catch (RuntimeException | LinkageError e) {
                // LinkageError: a user may have excluded Testcontainers; then there is no Docker.
                check.completeExceptionally(e);
              }
            },
            "lanes-docker-probe");
    checker.setDaemon(true);
    checker.start();
    try {
      return check.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking for Docker", e);
    } catch (ExecutionException e) {
      log.warn(
          "Docker check failed, treating Docker as unavailable error={}", e.getCause().toString());
      return false;
    } catch (TimeoutException e) {
      log.warn("Docker check did not answer, treating Docker as unavailable limit={}", LIMIT);
      return false;
    }
  }
}
