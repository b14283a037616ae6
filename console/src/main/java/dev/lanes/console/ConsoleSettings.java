package dev.lanes.console;

import dev.lanes.LaneConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a console.
 *
 * @param clientProperties bootstrap servers and any security settings for the console's Kafka
 *     clients, used as given (they never appear on a page)
 * @param lanes the lanes it shows, with their topics and groups
 * @param bind the address to listen on; anything but a loopback address makes reading need the
 *     token too
 * @param port the port, 0 for any free one
 * @param token the token that lets a caller write (replay), and read when not on loopback; null
 *     makes the console generate one and print it at start
 * @param clock the time for "last hour" and "since" filters
 */
public record ConsoleSettings(
    Map<String, Object> clientProperties,
    List<LaneConfig> lanes,
    String bind,
    int port,
    String token,
    Clock clock) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8090;

  public ConsoleSettings {
    clientProperties = Map.copyOf(clientProperties);
    lanes = List.copyOf(lanes);
    if (lanes.isEmpty()) {
      throw new IllegalArgumentException("lanes must name at least one lane, was empty");
    }
    Objects.requireNonNull(bind, "bind");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException(
          "token must not be blank (leave it unset to generate one)");
    }
    Objects.requireNonNull(clock, "clock");
  }
}
