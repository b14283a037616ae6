package dev.lanes.app.http;

import dev.lanes.RuntimeHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** What each endpoint of {@link HealthServer} answers; called on the server's threads. */
record HealthEndpoints(
    Supplier<RuntimeHealth> health,
    BrokerProbe broker,
    PrometheusMeterRegistry registry,
    Duration livenessThreshold) {

  /** The Prometheus text format that {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  HttpReply live() {
    Liveness.Report report = Liveness.evaluate(health.get(), livenessThreshold);
    return HttpReply.json(report.status(), report);
  }

  HttpReply ready() {
    Readiness.Report report = Readiness.evaluate(health.get(), broker.status());
    return HttpReply.json(report.status(), report);
  }

  HttpReply metrics() {
    return HttpReply.text(200, METRICS_CONTENT_TYPE, registry.scrape());
  }
}
