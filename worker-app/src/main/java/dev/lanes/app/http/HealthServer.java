package dev.lanes.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanes.RuntimeHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's probe and scrape endpoints, on the JDK's HTTP server.
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while every lane is RUNNING (or STOPPING) and has polled
 *       within the liveness threshold, 503 otherwise: a FAILED lane or a stuck poll thread, which a
 *       restart fixes. Nothing outside the process is looked at.
 *   <li>{@code GET /health/ready}: 200 when the broker answers ({@link BrokerProbe}) and every lane
 *       is RUNNING and has joined its group, 503 otherwise. The body lists every lane, every
 *       dependency's breaker and the broker's status.
 *   <li>{@code GET /metrics}: the Prometheus text exposition of the registry.
 * </ul>
 *
 * <p>A server started before the runtime ({@link #startBeforeRuntime}) answers 503 with status
 * STARTING on both health paths until {@link #runtimeStarted}.
 *
 * <p>An OPEN breaker does not make the worker unready. A restart does not fix someone else's
 * outage, and an unready fleet would stop draining the work that does not need that dependency: the
 * runtime already pauses only the partitions waiting for it. The ready body still shows it
 * ("payments-api OPEN since 12:03, 4 partitions paused").
 *
 * <p>Any other path answers 404, any other method 405. Bodies are JSON with snake_case keys.
 */
public final class HealthServer implements AutoCloseable {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  public static final String METRICS_PATH = "/metrics";

  private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
  // Probes and scrapes are a few requests a second; more threads would only serve a flood.
  private static final int THREADS = 2;
  // Beyond this the server closes new connections instead of queueing without bound.
  private static final int QUEUED_REQUESTS = 32;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final HealthEndpoints endpoints;
  private final Map<String, Supplier<HttpReply>> routes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HealthServer(HttpServer server, ThreadPoolExecutor executor, HealthEndpoints endpoints) {
    this.server = server;
    this.executor = executor;
    this.endpoints = endpoints;
    this.routes =
        Map.of(
            LIVE_PATH,
            endpoints::live,
            READY_PATH,
            endpoints::ready,
            METRICS_PATH,
            endpoints::metrics);
  }

  /**
   * Binds {@code config}'s host and port and starts serving a runtime that has started.
   *
   * @param health the runtime's health, e.g. {@code runtime::health}
   * @param broker answers whether the broker is reachable; the caller closes it
   * @param registry the registry the runtime records its metrics in
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static HealthServer start(
      HealthServerConfig config,
      Supplier<RuntimeHealth> health,
      BrokerProbe broker,
      PrometheusMeterRegistry registry) {
    HealthServer server = startBeforeRuntime(config, broker, registry);
    server.runtimeStarted(Objects.requireNonNull(health, "health"));
    return server;
  }

  /**
   * Binds and serves before the runtime exists: {@code /health/*} answer 503 with status STARTING
   * until {@link #runtimeStarted}, {@code /metrics} answers from the start. A startup probe then
   * meets a worker that says it is starting, not a refused connection.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static HealthServer startBeforeRuntime(
      HealthServerConfig config, BrokerProbe broker, PrometheusMeterRegistry registry) {
    HealthEndpoints endpoints = new HealthEndpoints(broker, registry, config.livenessThreshold());
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind the health server to " + address, e);
    }
    ThreadPoolExecutor executor = newExecutor();
    HealthServer healthServer = new HealthServer(server, executor, endpoints);
    server.createContext("/", healthServer::handle);
    server.setExecutor(executor);
    server.start();
    log.info(
        "health server listening host={} port={} livenessThreshold={}",
        config.host(),
        healthServer.port(),
        config.livenessThreshold());
    return healthServer;
  }

  /** The runtime has started: from now on the health endpoints judge {@code health}. */
  public void runtimeStarted(Supplier<RuntimeHealth> health) {
    endpoints.runtimeStarted(health);
  }

  /** The port the server listens on: the configured one, or the one picked for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening and cuts off requests in progress. Calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // 0: a probe cut off at shutdown is retried by its caller; waiting would delay the exit.
    server.stop(0);
    executor.shutdownNow();
    log.info("health server stopped");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Supplier<HttpReply> endpoint = routes.get(path);
      if (endpoint == null) {
        send(exchange, HttpReply.text(404, "not found"));
      } else if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, HttpReply.text(405, "method not allowed"));
      } else {
        send(exchange, answer(path, endpoint));
      }
    }
  }

  private static HttpReply answer(String path, Supplier<HttpReply> endpoint) {
    try {
      return endpoint.get();
    } catch (RuntimeException e) {
      log.warn("health endpoint failed path={}", path, e);
      return HttpReply.text(500, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private static void send(HttpExchange exchange, HttpReply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(reply.body());
    }
  }

  private static ThreadPoolExecutor newExecutor() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        THREADS,
        THREADS,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUED_REQUESTS),
        runnable -> {
          Thread thread = new Thread(runnable, "lanes-http-" + count.incrementAndGet());
          // A server left open must not keep a finished worker process alive.
          thread.setDaemon(true);
          return thread;
        });
  }
}
