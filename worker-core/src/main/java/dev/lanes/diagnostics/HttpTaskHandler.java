package dev.lanes.diagnostics;

import dev.lanes.InvalidTaskException;
import dev.lanes.Task;
import dev.lanes.TaskContext;
import dev.lanes.TaskHandler;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code {"url": "http://127.0.0.1:8080/work", "dependency": "http", "method": "GET", "timeoutMs":
 * 5000}}: calls {@code url} through the named dependency, so its breaker sees every call. A 2xx
 * answer completes the task; 408, 429, 5xx and other failing answers throw {@link
 * DependencyStatusException} (retried); a timeout or connection failure throws its {@link
 * IOException} (retried); any other 4xx is a client error that retrying cannot fix, so the task is
 * invalid.
 */
final class HttpTaskHandler implements TaskHandler {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  // One client for every task: it pools connections and runs a selector thread of its own, which a
  // client per task would open and abandon each time.
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  @Override
  public void handle(Task task, TaskContext context) throws Exception {
    HttpTaskPayload payload = HttpTaskPayload.read(task.payload());
    HttpRequest request =
        HttpRequest.newBuilder(payload.url())
            .timeout(payload.timeout())
            .method(payload.method(), HttpRequest.BodyPublishers.noBody())
            .build();
    // Not caught: DependencyUnavailableException must reach the runtime, which pauses the task's
    // partition on it instead of spending an attempt.
    Object outcome = context.dependency(payload.dependency()).call(() -> send(request));
    // A client error leaves the call successful: it says the task is wrong, not that the
    // dependency is down, so it must not count toward opening the breaker.
    if (outcome instanceof ClientError error) {
      throw new InvalidTaskException(
          payload.method()
              + " "
              + HttpTaskPayload.loggable(payload.url())
              + " answered "
              + error.status()
              + ": a client error, retrying will not fix it");
    }
  }

  /**
   * Null for a 2xx answer, a {@link ClientError} for a client error; throws for any other answer.
   * Typed {@code Object} because a dependency's fallback may stand in with a value of its own,
   * which counts as success.
   */
  private Object send(HttpRequest request) throws IOException, InterruptedException {
    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status >= 200 && status < 300) {
      return null;
    }
    if (isClientError(status)) {
      return new ClientError(status);
    }
    throw new DependencyStatusException(status, request.uri());
  }

  /** A 4xx other than 408 (timeout) and 429 (too many requests), which a later try may pass. */
  static boolean isClientError(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  private record ClientError(int status) {}
}
