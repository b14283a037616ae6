package dev.lanes.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code /control} endpoints of a {@link FlakyHttpService}: the HTTP face of its Java API, so
 * curl or a CLI can break and heal it. A change answers with the resulting mode, a bad parameter
 * with 400 and a one-line reason.
 */
final class FlakyControlEndpoint implements HttpHandler {

  private static final String POST = "POST";
  private static final String GET = "GET";

  private final FlakyHttpService service;

  FlakyControlEndpoint(FlakyHttpService service) {
    this.service = service;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      try {
        route(exchange);
      } catch (IllegalArgumentException e) {
        HttpReplies.text(exchange, 400, e.getMessage());
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals(FlakyHttpService.STATS_PATH)) {
      if (requireMethod(exchange, GET)) {
        HttpReplies.json(exchange, 200, stats());
      }
      return;
    }
    String action = path.substring(FlakyHttpService.CONTROL_PATH.length());
    ControlQuery query = ControlQuery.parse(exchange.getRequestURI().getRawQuery());
    switch (action) {
      case "", "/" -> {
        // The one-call form: POST /control?status=503&latencyMs=0&errorRate=1.0 breaks it,
        // POST /control?status=200 heals it.
        query.allowOnly(Set.of("status", "latencyMs", "errorRate"));
        if (requireMethod(exchange, POST)) {
          int status = query.intValue("status", FlakyMode.DEFAULT_STATUS);
          if (status >= 200 && status < 300) {
            service.recover();
          } else {
            service.failWith(status, query.doubleValue("errorRate", 1.0));
          }
          service.addLatency(Duration.ofMillis(query.longValue("latencyMs", 0, 0)));
          HttpReplies.text(exchange, 200, service.mode().describe());
        }
      }
      case "/fail" -> {
        query.allowOnly(Set.of("status", "rate"));
        if (requireMethod(exchange, POST)) {
          service.failWith(
              query.intValue("status", FlakyMode.DEFAULT_STATUS), query.doubleValue("rate", 1.0));
          HttpReplies.text(exchange, 200, service.mode().describe());
        }
      }
      case "/latency" -> {
        query.allowOnly(Set.of("ms"));
        if (requireMethod(exchange, POST)) {
          service.addLatency(Duration.ofMillis(query.requiredLong("ms", 0)));
          HttpReplies.text(exchange, 200, service.mode().describe());
        }
      }
      case "/recover" -> {
        query.allowOnly(Set.of());
        if (requireMethod(exchange, POST)) {
          service.recover();
          HttpReplies.text(exchange, 200, service.mode().describe());
        }
      }
      case "/reset" -> {
        query.allowOnly(Set.of());
        if (requireMethod(exchange, POST)) {
          service.resetCalls();
          HttpReplies.text(exchange, 200, "calls=0");
        }
      }
      case "/calls" -> {
        query.allowOnly(Set.of());
        if (requireMethod(exchange, GET)) {
          HttpReplies.text(exchange, 200, Long.toString(service.calls()));
        }
      }
      default -> HttpReplies.text(exchange, 404, "no such control endpoint " + path);
    }
  }

  /** True when the request uses {@code method}; otherwise answers 405 and returns false. */
  private String stats() {
    FlakyMode mode = service.mode();
    return "{\"calls\":"
        + service.calls()
        + ",\"failing\":"
        + (mode.rate() > 0)
        + ",\"status\":"
        + mode.status()
        + ",\"errorRate\":"
        + mode.rate()
        + ",\"latencyMs\":"
        + mode.latency().toMillis()
        + "}";
  }

  private static boolean requireMethod(HttpExchange exchange, String method) throws IOException {
    if (exchange.getRequestMethod().equals(method)) {
      return true;
    }
    HttpReplies.text(
        exchange,
        405,
        exchange.getRequestURI().getPath()
            + " takes "
            + method
            + ", was "
            + exchange.getRequestMethod());
    return false;
  }
}
