package dev.lanes.internal.fleet;

import java.time.Duration;
import java.util.Map;

/**
 * Whether and how a runtime takes part in the fleet.
 *
 * @param zone the consumers' {@code client.rack}, or null
 * @param clientConfig the runtime's client settings with its bootstrap servers
 */
public record FleetSettings(
    boolean enabled,
    Duration interval,
    String workerId,
    String zone,
    Map<String, Object> clientConfig) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  /** Shorter would be a report per transition anyway: transitions coalesce over this long. */
  static final Duration MIN_INTERVAL = FleetPublisher.SOON;

  public FleetSettings {
    requireInterval(interval);
    clientConfig = Map.copyOf(clientConfig);
  }

  public static Duration requireInterval(Duration interval) {
    if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "fleetInterval must be >= " + MIN_INTERVAL.toMillis() + " ms, was " + interval);
    }
    return interval;
  }
}
