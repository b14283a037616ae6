package dev.lanes.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake external dependency on 127.0.0.1 that fails and slows down on command, for integration
 * tests, the demo and failure rehearsals. {@code GET|POST /work} is its business endpoint: it
 * answers {@code 200 {"ok":true,"call":N}}, or the configured failure status for a share of calls,
 * after the configured latency. It is driven from Java ({@link #failWith}, {@link #addLatency},
 * {@link #recover}) or over HTTP, so a shell can drive it too:
 *
 * <pre>
 * POST /control/fail?status=503&amp;rate=1.0   fail that share of calls with that status
 * POST /control/latency?ms=200               wait that long before every answer
 * POST /control/recover                      no failures, no latency
 * GET  /control/calls                        calls to /work so far, as text
 * POST /control/reset                        count calls from 0 again
 * </pre>
 *
 * <p>Control requests are not counted as calls.
 */
public final class FlakyHttpService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FlakyHttpService.class);

  private static final String HOST = "127.0.0.1";
  private static final String WORK_PATH = "/work";
  static final String STATS_PATH = "/stats";
  static final String CONTROL_PATH = "/control";
  // Bounded so a load test against a slow service queues calls instead of spawning threads.
  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;
  private final int port;
  private final DoubleSupplier random;
  private final AtomicReference<FlakyMode> mode = new AtomicReference<>(FlakyMode.HEALTHY);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Consumer<URI> successListener = uri -> {};

  /** Starts a healthy service on {@code port} of 127.0.0.1; 0 picks a free port. */
  public static FlakyHttpService start(int port) {
    return start(HOST, port);
  }

  /** Starts a healthy service on {@code host:port}, e.g. 0.0.0.0 in a container. */
  public static FlakyHttpService start(String host, int port) {
    return new FlakyHttpService(host, port, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param random uniform draws from [0, 1) that decide which calls fail
   */
  FlakyHttpService(int port, DoubleSupplier random) {
    this(HOST, port, random);
  }

  FlakyHttpService(String host, int port, DoubleSupplier random) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    this.random = Objects.requireNonNull(random, "random");
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    // A service on every address is called through loopback; on one address, through that one
    // (e.g. a zone network's bridge, which is what processes in the zones can reach).
    this.host = server.getAddress().getAddress().isAnyLocalAddress() ? HOST : host;
    this.port = server.getAddress().getPort();
    executor = Executors.newFixedThreadPool(THREADS, daemonThreads("flaky-http-" + this.port));
    server.setExecutor(executor);
    // Any path but the control ones is the dependency itself; /work is the documented one.
    server.createContext("/", this::answerWork);
    server.createContext(CONTROL_PATH, new FlakyControlEndpoint(this));
    server.createContext(STATS_PATH, new FlakyControlEndpoint(this));
    server.start();
    log.info("flaky http service started uri={}", workUri());
  }

  /** The business endpoint: {@code http://<host>:<port>/work}, host 127.0.0.1 unless another. */
  public URI workUri() {
    return URI.create("http://" + host + ":" + port + WORK_PATH);
  }

  public int port() {
    return port;
  }

  /**
   * Answers a share {@code rate} of calls with {@code status}; keeps the latency.
   *
   * @param status 400..599
   * @param rate 0 (no call fails) to 1 (every call fails)
   */
  public void failWith(int status, double rate) {
    change(current -> current.withFailure(status, rate));
  }

  /** Makes every call wait {@code latency} before its answer, replacing any latency set before. */
  public void addLatency(Duration latency) {
    change(current -> current.withLatency(latency));
  }

  /** Healthy again: no failures, no latency. */
  public void recover() {
    change(current -> FlakyMode.HEALTHY);
  }

  /** Calls to {@code /work} since start or the last {@link #resetCalls()}. */
  public long calls() {
    return calls.get();
  }

  public void resetCalls() {
    calls.set(0);
  }

  /**
   * Calls {@code listener} with the request URI of every call answered 200, before the answer is
   * sent, on the service's own threads; replaces any listener set before. Failure drills use it to
   * learn which tasks reached the dependency: a call recorded here happened even if the worker that
   * made it dies before reading the answer.
   */
  public void onSuccess(Consumer<URI> listener) {
    successListener = Objects.requireNonNull(listener, "listener");
  }

  FlakyMode mode() {
    return mode.get();
  }

  /** Stops listening at once; calls still waiting out their latency are cut off unanswered. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // No grace period: whoever closes a fake dependency does not want to wait for its latency.
    server.stop(0);
    executor.shutdownNow();
    log.info("flaky http service stopped port={}", port);
  }

  private void change(UnaryOperator<FlakyMode> change) {
    FlakyMode next = mode.updateAndGet(change);
    log.info("flaky http service mode port={} {}", port, next.describe());
  }

  private void answerWork(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("POST")) {
        HttpReplies.text(exchange, 405, "the dependency takes GET or POST, was " + method);
        return;
      }
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      long call = calls.incrementAndGet();
      // One read: a call answers by the mode it arrived under, even if the mode changes meanwhile.
      FlakyMode current = mode.get();
      if (!current.latency().isZero()) {
        Thread.sleep(current.latency().toMillis());
      }
      boolean ok = !current.fails(random.getAsDouble());
      if (ok) {
        successListener.accept(exchange.getRequestURI());
      }
      HttpReplies.json(
          exchange, ok ? 200 : current.status(), "{\"ok\":" + ok + ",\"call\":" + call + "}");
    } catch (InterruptedException e) {
      // close() interrupts calls still waiting out their latency; the connection closes unanswered.
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + next.getAndIncrement());
      // A test that forgets to close the service must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
