package dev.lanes.console;

import dev.lanes.LaneConfig;
import dev.lanes.console.internal.deadletters.DeadLetterPages;
import dev.lanes.console.internal.overview.OverviewPages;
import dev.lanes.console.internal.web.ConsoleServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A running console: the overview and dead-letter pages and the JSON API on one HTTP port. Start it
 * with {@link #start}, stop it with {@link #close}.
 */
public final class Console implements AutoCloseable {

  private final ConsoleServer server;
  private final ConsoleSettings settings;
  private final String token;

  private Console(ConsoleServer server, ConsoleSettings settings, String token) {
    this.server = server;
    this.settings = settings;
    this.token = token;
  }

  /** Binds the settings' address and port and serves until {@link #close}. */
  public static Console start(ConsoleSettings settings) {
    try {
      ConsoleServer server =
          ConsoleServer.bind(
              settings.bind(),
              settings.port(),
              settings.lanes().stream().map(LaneConfig::name).toList());
      new OverviewPages(settings).register(server);
      new DeadLetterPages(settings).register(server);
      server.start();
      // SKELETON: the server part generates a token when none is set.
      return new Console(server, settings, settings.token());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not listen on " + settings.bind() + ":" + settings.port(), e);
    }
  }

  /** Where it serves, e.g. {@code http://127.0.0.1:8090/}. */
  public URI uri() {
    return URI.create("http://" + settings.bind() + ":" + server.port() + "/");
  }

  /** The token that lets a caller replay (and read, off loopback). */
  public String token() {
    return token;
  }

  @Override
  public void close() {
    server.close();
  }
}
