package dev.lanes.console.internal.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP server (the JDK's): matches routes, parses query and form, renders problems.
 * SKELETON: the server part adds auth (token, sessions, CSRF), assets, error pages and limits.
 */
public final class ConsoleServer implements Router, AutoCloseable {

  private static final int THREADS = 4;
  private static final int QUEUED_REQUESTS = 64;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final List<Route> routes = new ArrayList<>();
  private final PageChrome chrome;

  private ConsoleServer(HttpServer server, ThreadPoolExecutor executor, PageChrome chrome) {
    this.server = server;
    this.executor = executor;
    this.chrome = chrome;
  }

  public static ConsoleServer bind(String host, int port, List<String> lanes) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED_REQUESTS),
            new ThreadPoolExecutor.AbortPolicy());
    server.setExecutor(executor);
    ConsoleServer console =
        new ConsoleServer(server, executor, new PageChrome(lanes, null, false, null));
    server.createContext("/", console::serve);
    return console;
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void get(String pattern, Handler handler) {
    routes.add(new Route("GET", pattern.split("/"), handler));
  }

  @Override
  public void post(String pattern, Handler handler) {
    routes.add(new Route("POST", pattern.split("/"), handler));
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response = answer(exchange);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(
          response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream body = exchange.getResponseBody()) {
          body.write(response.body());
        }
      }
    }
  }

  private Response answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    for (Route route : routes) {
      Map<String, String> params = route.match(method, path);
      if (params != null) {
        Map<String, List<String>> form = Map.of();
        if ("POST".equals(method)) {
          try (InputStream body = exchange.getRequestBody()) {
            form = parse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
        Request request =
            new Request(
                method,
                path,
                params,
                parse(exchange.getRequestURI().getRawQuery()),
                form,
                chrome,
                String.valueOf(exchange.getRemoteAddress()));
        try {
          return route.handler().handle(request);
        } catch (dev.lanes.console.internal.ConsoleProblem problem) {
          return Response.html(problem.status(), "<p id=\"error\">" + problem.getMessage());
        }
      }
    }
    return Response.html(404, "<p id=\"error\">no page at " + path);
  }

  static Map<String, List<String>> parse(String encoded) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record Route(String method, String[] segments, Handler handler) {
    Map<String, String> match(String requestMethod, String path) {
      if (!method.equals(requestMethod)) {
        return null;
      }
      String[] parts = path.split("/");
      if (parts.length != segments.length) {
        return null;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < parts.length; i++) {
        String segment = segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          params.put(segment.substring(1, segment.length() - 1), parts[i]);
        } else if (!segment.equals(parts[i])) {
          return null;
        }
      }
      return params;
    }
  }
}
