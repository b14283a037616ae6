package dev.lanes.tools.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a worker process's own Prometheus figures for one dependency: the calls it made (outcome
 * success or failure; a call the breaker rejected never reached the dependency) and its breaker's
 * state. What a worker says it did, next to what the fake dependency counted.
 */
final class WorkerScrape {

  private static final Pattern PORT = Pattern.compile("health and metrics on port (\\d+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI endpoint;
  private final String dependencyLabel;

  private WorkerScrape(int port, String dependency) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
    this.dependencyLabel = "dependency=\"" + dependency + "\"";
  }

  /** The scrape of a worker started by the rig: its port is in its "running lanes" line. */
  static WorkerScrape of(LanesProcess worker, String dependency) {
    Matcher matcher = PORT.matcher(worker.output());
    int port = -1;
    while (matcher.find()) {
      port = Integer.parseInt(matcher.group(1));
    }
    if (port <= 0) {
      throw new IllegalStateException(worker.name() + " printed no metrics port");
    }
    return new WorkerScrape(port, dependency);
  }

  /** Calls that reached the dependency: succeeded or failed, not rejected by the breaker. */
  long calls() {
    String text = exposition();
    return Math.round(
        sum(text, "lanes_dependency_calls_total{", "outcome=\"success\"")
            + sum(text, "lanes_dependency_calls_total{", "outcome=\"failure\""));
  }

  /** Calls that reached the dependency and failed: during an outage, every call it got. */
  long failedCalls() {
    return Math.round(sum(exposition(), "lanes_dependency_calls_total{", "outcome=\"failure\""));
  }

  /** The breaker's state gauge: 0 closed, 1 half-open, 2 open. */
  int breakerState() {
    return (int) Math.round(sum(exposition(), "lanes_dependency_breaker_state{", ""));
  }

  private double sum(String exposition, String metric, String label) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(metric) && line.contains(dependencyLabel) && line.contains(label)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private String exposition() {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
