package dev.lanes.console.internal.overview;

import dev.lanes.LaneConfig;
import dev.lanes.console.Console;
import dev.lanes.console.ConsoleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real console ({@link Console#start}) for the overview's tests, with a small HTTP client. */
final class OverviewConsole implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Console console;

  private OverviewConsole(Console console) {
    this.console = console;
  }

  static OverviewConsole start(Map<String, Object> client, List<LaneConfig> lanes) {
    return new OverviewConsole(
        Console.start(
            new ConsoleSettings(client, lanes, "127.0.0.1", 0, "test-token", Clock.systemUTC())));
  }

  URI uri(String path) {
    return console.uri().resolve(path);
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

  @Override
  public void close() {
    console.close();
  }
}
