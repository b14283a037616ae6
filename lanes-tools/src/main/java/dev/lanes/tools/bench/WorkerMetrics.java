package dev.lanes.tools.bench;

import dev.lanes.MetricNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a worker process's Prometheus endpoint: its used heap (every heap pool's
 * jvm_memory_used_bytes summed), the heap left live after the last collection, and the tasks its
 * lanes finished. Reading from outside adds only the exposition text to the worker's heap, where an
 * in-process sampler would count the bench itself.
 */
final class WorkerMetrics {

  private static final String HEAP_USED = "jvm_memory_used_bytes{";
  private static final String LIVE_AFTER_GC = "jvm_gc_live_data_size_bytes";
  private static final String TASKS = MetricNames.TASKS.replace('.', '_') + "_total{";
  private static final String SUCCEEDED =
      MetricNames.TAG_OUTCOME + "=\"" + MetricNames.OUTCOME_SUCCEEDED + "\"";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;

  WorkerMetrics(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** One reading of the worker's figures. */
  record Reading(long heapUsedBytes, long liveAfterGcBytes, long succeeded) {}

  Reading read() {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build();
    try {
      return parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the worker's metrics at " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static Reading parse(String exposition) {
    long heap = 0;
    long live = 0;
    long succeeded = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(HEAP_USED) && line.contains("area=\"heap\"")) {
        heap += value(line);
      } else if (line.startsWith(LIVE_AFTER_GC)) {
        live = value(line);
      } else if (line.startsWith(TASKS) && line.contains(SUCCEEDED)) {
        succeeded += value(line);
      }
    }
    return new Reading(heap, live, succeeded);
  }

  /** The sample's value: the last field of an exposition line, as Prometheus prints doubles. */
  private static long value(String line) {
    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
