package dev.lanes.console.internal.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanes.console.internal.ConsoleProblem;
import dev.lanes.console.internal.auth.AccessPolicy;
import dev.lanes.console.internal.auth.Session;
import dev.lanes.console.internal.auth.Sessions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (the JDK's): decides access, matches routes, parses query and form, and
 * turns problems into answers. Handlers see only requests they may answer.
 */
public final class ConsoleServer implements Router, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final int THREADS = 4;
  private static final int QUEUED_REQUESTS = 64;
  // Set while a request the pool had no room for is answered on the server's own thread.
  private static final ThreadLocal<Boolean> OVERLOADED = ThreadLocal.withInitial(() -> false);

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final Routes routes = new Routes();
  private final List<String> lanes;
  private final AccessPolicy policy;
  private final Sessions sessions;
  private final Supplier<String> kafkaBanner;

  private ConsoleServer(
      HttpServer server,
      ThreadPoolExecutor executor,
      List<String> lanes,
      AccessPolicy policy,
      Sessions sessions,
      Supplier<String> kafkaBanner) {
    this.server = server;
    this.executor = executor;
    this.lanes = List.copyOf(lanes);
    this.policy = policy;
    this.sessions = sessions;
    this.kafkaBanner = kafkaBanner;
  }

  /**
   * Listens on {@code host:port} (not yet serving: register routes, then {@link #start}).
   *
   * @param token the console's token (bearer for the API, sign-in for pages)
   * @param kafkaBanner why Kafka does not answer now, or null when it does
   */
  public static ConsoleServer bind(
      String host,
      int port,
      List<String> lanes,
      String token,
      Sessions sessions,
      Supplier<String> kafkaBanner)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    HttpServer server = HttpServer.create(address, 0);
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED_REQUESTS),
            ConsoleServer::answerOverloaded);
    server.setExecutor(executor);
    boolean loopback = address.getAddress() != null && address.getAddress().isLoopbackAddress();
    ConsoleServer console =
        new ConsoleServer(
            server, executor, lanes, new AccessPolicy(token, loopback), sessions, kafkaBanner);
    server.createContext("/", console::serve);
    Assets.load().register(console);
    new SignInPages(token, sessions).register(console);
    return console;
  }

  /**
   * The pool and its queue are full: answer 503 at once on the server's thread instead of queueing
   * without bound (the JDK's server would otherwise just drop the connection).
   */
  private static void answerOverloaded(Runnable exchange, ThreadPoolExecutor executor) {
    if (executor.isShutdown()) {
      return;
    }
    OVERLOADED.set(true);
    try {
      exchange.run();
    } finally {
      OVERLOADED.remove();
    }
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address it listens on, as given (e.g. 127.0.0.1). */
  public InetAddress address() {
    return server.getAddress().getAddress();
  }

  @Override
  public void get(String pattern, Handler handler) {
    routes.add("GET", pattern, handler);
  }

  @Override
  public void post(String pattern, Handler handler) {
    routes.add("POST", pattern, handler);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response = OVERLOADED.get() ? overloaded(exchange) : answer(exchange);
      send(exchange, response);
    }
  }

  private Response overloaded(HttpExchange exchange) {
    return Answers.problem(
        AccessPolicy.isApi(exchange.getRequestURI().getPath()),
        503,
        "the console is busy answering other requests; try again in a moment",
        chrome(null),
        false);
  }

  private Response answer(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    boolean api = AccessPolicy.isApi(path);
    Session session = sessions.find(Cookies.value(exchange, SignInPages.COOKIE));
    PageChrome chrome = chrome(session);
    try {
      return new Dispatch(exchange, routes, policy, session, chrome).run();
    } catch (ConsoleProblem problem) {
      PageChrome shown = chrome;
      if (problem.status() == 503 && chrome.kafkaBanner() == null) {
        shown = new PageChrome(lanes, problem.getMessage(), chrome.signedIn(), chrome.csrfToken());
      }
      return Answers.problem(api, problem.status(), problem.getMessage(), shown, false);
    } catch (RuntimeException e) {
      LOG.error("event=internal-error method={} path={}", exchange.getRequestMethod(), path, e);
      return Answers.problem(
          api, 500, "internal error; the console's log has the details", chrome, false);
    }
  }

  private PageChrome chrome(Session session) {
    return new PageChrome(
        lanes, kafkaBanner.get(), session != null, session == null ? null : session.csrfToken());
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    SecurityHeaders.FOR_EVERY_ANSWER.forEach(exchange.getResponseHeaders()::set);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    response.headers().forEach(exchange.getResponseHeaders()::set);
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
