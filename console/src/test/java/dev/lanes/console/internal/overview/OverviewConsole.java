package dev.lanes.console.internal.overview;

import dev.lanes.LaneConfig;
import dev.lanes.console.ConsoleSettings;
import dev.lanes.console.internal.web.ConsoleServer;
import dev.lanes.console.internal.web.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The overview's pages on a console server of their own, for the tests. Not {@code Console.start}:
 * until the server part's branch is merged the skeleton's server serves no assets (the test serves
 * htmx from its WebJar here) and does not close the pages' Kafka clients.
 */
final class OverviewConsole implements AutoCloseable {

  private static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ConsoleServer server;
  private final OverviewPages pages;

  private OverviewConsole(ConsoleServer server, OverviewPages pages) {
    this.server = server;
    this.pages = pages;
  }

  static OverviewConsole start(Map<String, Object> client, List<LaneConfig> lanes) {
    ConsoleSettings settings =
        new ConsoleSettings(client, lanes, "127.0.0.1", 0, "test-token", Clock.systemUTC());
    try {
      ConsoleServer server =
          ConsoleServer.bind("127.0.0.1", 0, lanes.stream().map(LaneConfig::name).toList());
      OverviewPages pages = new OverviewPages(settings);
      pages.register(server);
      server.get("/assets/htmx.min.js", request -> htmx());
      server.start();
      return new OverviewConsole(server, pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Response htmx() {
    try (InputStream in = OverviewConsole.class.getResourceAsStream(HTMX)) {
      if (in == null) {
        throw new IllegalStateException("no " + HTMX + " on the test classpath");
      }
      return new Response(200, "text/javascript", in.readAllBytes(), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    pages.close();
  }
}
