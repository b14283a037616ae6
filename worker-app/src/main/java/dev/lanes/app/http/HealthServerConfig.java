package dev.lanes.app.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the health and metrics endpoints listen, and how long a lane may go without polling before
 * the process counts as hung.
 *
 * @param host the address to bind; {@link #ALL_INTERFACES} by default, so a container's probes and
 *     scrapers reach it
 * @param port the port to bind; 0 picks a free one ({@link HealthServer#port()} tells which)
 * @param livenessThreshold the longest a lane's poll loop may go without polling and still be live
 */
public record HealthServerConfig(String host, int port, Duration livenessThreshold) {

  public static final String ALL_INTERFACES = "0.0.0.0";

  /**
   * Well above the lanes' poll timeout (100 ms by default) and a slow rebalance, well below {@code
   * max.poll.interval.ms} (5 minutes), after which the group would have dropped the lane anyway.
   */
  public static final Duration DEFAULT_LIVENESS_THRESHOLD = Duration.ofSeconds(30);

  public HealthServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank, was " + host);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    Objects.requireNonNull(livenessThreshold, "livenessThreshold");
    if (livenessThreshold.isNegative() || livenessThreshold.isZero()) {
      throw new IllegalArgumentException(
          "livenessThreshold must be positive, was " + livenessThreshold);
    }
  }

  /** Every interface, on {@code port}, with the default liveness threshold. */
  public static HealthServerConfig onPort(int port) {
    return new HealthServerConfig(ALL_INTERFACES, port, DEFAULT_LIVENESS_THRESHOLD);
  }

  public HealthServerConfig withHost(String host) {
    return new HealthServerConfig(host, port, livenessThreshold);
  }

  public HealthServerConfig withLivenessThreshold(Duration livenessThreshold) {
    return new HealthServerConfig(host, port, livenessThreshold);
  }
}
