package dev.lanes.app.http;

import dev.lanes.RuntimeHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What each endpoint of {@link HealthServer} answers; called on the server's threads. Until the
 * runtime has started the health endpoints answer 503 STARTING, and metrics answer already.
 */
final class HealthEndpoints {

  /** The Prometheus text format that {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Starting STARTING =
      new Starting(
          HealthStatus.STARTING,
          "the worker is starting: checking the cluster and its topics, then starting the lanes");

  private final AtomicReference<Supplier<RuntimeHealth>> health = new AtomicReference<>();
  private final BrokerProbe broker;
  private final PrometheusMeterRegistry registry;
  private final Duration livenessThreshold;

  HealthEndpoints(
      BrokerProbe broker, PrometheusMeterRegistry registry, Duration livenessThreshold) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.livenessThreshold = Objects.requireNonNull(livenessThreshold, "livenessThreshold");
  }

  /** From now on the health endpoints judge {@code runtimeHealth}. */
  void runtimeStarted(Supplier<RuntimeHealth> runtimeHealth) {
    health.set(Objects.requireNonNull(runtimeHealth, "runtimeHealth"));
  }

  HttpReply live() {
    Supplier<RuntimeHealth> runtime = health.get();
    if (runtime == null) {
      return HttpReply.json(STARTING.status(), STARTING);
    }
    Liveness.Report report = Liveness.evaluate(runtime.get(), livenessThreshold);
    return HttpReply.json(report.status(), report);
  }

  HttpReply ready() {
    Supplier<RuntimeHealth> runtime = health.get();
    if (runtime == null) {
      return HttpReply.json(STARTING.status(), STARTING);
    }
    Readiness.Report report = Readiness.evaluate(runtime.get(), broker.status());
    return HttpReply.json(report.status(), report);
  }

  HttpReply metrics() {
    return HttpReply.text(200, METRICS_CONTENT_TYPE, registry.scrape());
  }

  /** The body of a health endpoint before the runtime started. */
  record Starting(HealthStatus status, String detail) {}
}
