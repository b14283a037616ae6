package dev.lanes.console;

import dev.lanes.LaneConfig;
import dev.lanes.console.internal.auth.Secrets;
import dev.lanes.console.internal.auth.Sessions;
import dev.lanes.console.internal.deadletters.DeadLetterPages;
import dev.lanes.console.internal.overview.OverviewPages;
import dev.lanes.console.internal.web.ConsoleServer;
import dev.lanes.console.internal.web.KafkaWatch;
import dev.lanes.console.internal.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.Consumer;

/**
 * A running console: the overview and dead-letter pages and the JSON API on one HTTP port. Start it
 * with {@link #start}, stop it with {@link #close}.
 */
public final class Console implements AutoCloseable {

  private final ConsoleServer server;
  private final KafkaWatch kafka;
  private final OverviewPages overview;
  private final ConsoleSettings settings;
  private final String token;

  private Console(
      ConsoleServer server,
      KafkaWatch kafka,
      OverviewPages overview,
      ConsoleSettings settings,
      String token) {
    this.server = server;
    this.kafka = kafka;
    this.overview = overview;
    this.settings = settings;
    this.token = token;
  }

  /**
   * Binds the settings' address and port and serves until {@link #close}.
   *
   * @throws UncheckedIOException naming the address and port when it cannot listen there (its cause
   *     is a {@link java.net.BindException} when the port is taken)
   */
  public static Console start(ConsoleSettings settings) {
    return start(settings, router -> {});
  }

  /** As {@link #start(ConsoleSettings)}, with more routes (tests register their own). */
  static Console start(ConsoleSettings settings, Consumer<Router> moreRoutes) {
    String token = settings.token() != null ? settings.token() : Secrets.random();
    KafkaWatch kafka = KafkaWatch.start(settings.clientProperties());
    // The overview holds Kafka clients between refreshes; the console closes them with itself.
    OverviewPages overview = new OverviewPages(settings);
    try {
      ConsoleServer server =
          ConsoleServer.bind(
              settings.bind(),
              settings.port(),
              settings.lanes().stream().map(LaneConfig::name).toList(),
              token,
              new Sessions(settings.clock()),
              kafka::banner);
      overview.register(server);
      new DeadLetterPages(settings).register(server);
      moreRoutes.accept(server);
      server.start();
      return new Console(server, kafka, overview, settings, token);
    } catch (IOException e) {
      overview.close();
      kafka.close();
      throw new UncheckedIOException(
          "could not listen on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      overview.close();
      kafka.close();
      throw e;
    }
  }

  /** Where it serves, e.g. {@code http://127.0.0.1:8090/}. */
  public URI uri() {
    String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    return URI.create("http://" + host + ":" + server.port() + "/");
  }

  /** The token that lets a caller replay (and read, off loopback). */
  public String token() {
    return token;
  }

  @Override
  public void close() {
    server.close();
    overview.close();
    kafka.close();
  }
}
