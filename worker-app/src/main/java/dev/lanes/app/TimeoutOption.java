package dev.lanes.app;

import dev.lanes.app.config.DurationFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --timeout}: how long a command waits for Kafka to answer before it gives up. Kafka's own
 * defaults add up to a minute or more of silence against a dead broker; a person at a terminal, or
 * a Job, should hear sooner.
 */
public final class TimeoutOption {

  static final Duration DEFAULT = Duration.ofSeconds(30);
  private static final Duration SHORTEST = Duration.ofSeconds(1);
  // Kafka's default; a longer --timeout must not make the producer's own budget the shorter one.
  private static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description =
          "How long to wait for Kafka to answer before giving up, e.g. 10s, 2m (default: 30s).")
  private Duration timeout = DEFAULT;

  Duration value() {
    return checked(timeout);
  }

  private static Duration checked(Duration timeout) {
    if (timeout.compareTo(SHORTEST) < 0) {
      throw new UsageException(
          "--timeout must be at least 1s, was " + DurationFormat.format(timeout));
    }
    return timeout;
  }

  /**
   * The client properties with the request, API-call and blocking timeouts set to this one. Each
   * client reads the ones it knows (consumer and admin: the first two; producer: the first and
   * max.block.ms).
   */
  Map<String, Object> applyTo(Map<String, Object> clientProperties) {
    return applyTo(timeout, clientProperties);
  }

  /**
   * As {@link #applyTo(Map)} for a command whose {@code --timeout} has another default ({@code
   * lanes console}: 5s, so a page renders soon when Kafka is down).
   *
   * @throws UsageException when {@code timeout} is under 1s
   */
  public static Map<String, Object> applyTo(
      Duration timeout, Map<String, Object> clientProperties) {
    long millis = checked(timeout).toMillis();
    Map<String, Object> properties = new HashMap<>(clientProperties);
    properties.put("request.timeout.ms", (int) Math.min(Integer.MAX_VALUE, millis));
    properties.put("default.api.timeout.ms", (int) Math.min(Integer.MAX_VALUE, millis));
    properties.put("max.block.ms", millis);
    // Kafka refuses a delivery timeout shorter than the request timeout plus linger.
    properties.put(
        "delivery.timeout.ms",
        (int)
            Math.min(Integer.MAX_VALUE, Math.max(DEFAULT_DELIVERY_TIMEOUT.toMillis(), 2 * millis)));
    return properties;
  }
}
