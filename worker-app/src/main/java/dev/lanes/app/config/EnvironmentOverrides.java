package dev.lanes.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@code LANES_*} environment variables over a config. Strict like the file: a {@code
 * LANES_} variable that is neither accepted nor on the launcher's list is an error, because a
 * misspelt override that silently does nothing is worse than one that stops the process. A blank
 * variable counts as unset, as shells "clear" variables that way.
 *
 * <p>{@code LANES_KAFKA_<PROPERTY>} can only name properties in lower case with dots, which is all
 * of Kafka's own; any other property goes in the file.
 */
final class EnvironmentOverrides {

  static final String PREFIX = "LANES_";
  static final String BOOTSTRAP_SERVERS = "LANES_BOOTSTRAP_SERVERS";
  static final String HTTP_PORT = "LANES_HTTP_PORT";
  static final String LANES = "LANES_LANES";
  static final String KAFKA_PREFIX = "LANES_KAFKA_";
  static final String LANE_PREFIX = "LANES_LANE_";
  static final String THREADS_SUFFIX = "_THREADS";

  /** Read by the {@code lanes} launcher script, not by the config: accepted and ignored. */
  static final List<String> LAUNCHER_VARIABLES = List.of("LANES_JAVA_OPTS", "LANES_CONFIG");

  /**
   * Read by {@code lanes run} (which names one process, not a fleet's config), not by the config:
   * accepted and ignored here.
   */
  static final String WORKER_ID = "LANES_WORKER_ID";

  /**
   * Read by {@code lanes console} (its token), not by the config: accepted and ignored here, so a
   * console and a worker may share an environment.
   */
  static final String CONSOLE_TOKEN = "LANES_CONSOLE_TOKEN";

  private static final String ACCEPTED =
      String.join(
          ", ",
          BOOTSTRAP_SERVERS,
          HTTP_PORT,
          LANES,
          KAFKA_PREFIX + "<PROPERTY>",
          LANE_PREFIX + "<LANE>" + THREADS_SUFFIX,
          WORKER_ID,
          CONSOLE_TOKEN,
          String.join(", ", LAUNCHER_VARIABLES));

  private EnvironmentOverrides() {}

  static LanesConfig apply(LanesConfig config, Map<String, String> environment) {
    // Sorted, so the same environment always fails on the same variable first.
    // Kubernetes' service-link variables are dropped only when unknown: LANES_HTTP_PORT has the
    // shape of one (a Service "lanes-http"), and is still a setting.
    List<String> names =
        environment.keySet().stream()
            .filter(name -> name.startsWith(PREFIX))
            .filter(
                name ->
                    isKnown(name)
                        || !KubernetesServiceLinks.isServiceLink(name, environment.get(name)))
            .sorted()
            .toList();
    for (String name : names) {
      if (!isKnown(name)) {
        throw new ConfigException(
            "environment: unknown variable " + name + " (accepted: " + ACCEPTED + ")");
      }
    }
    LanesConfig result = config;
    for (String name : names) {
      String value = environment.get(name);
      // LANES_LANES goes last, so a thread count may name a lane that the selection leaves out.
      if (isBlank(value)
          || name.equals(LANES)
          || name.equals(WORKER_ID)
          || name.equals(CONSOLE_TOKEN)
          || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      try {
        result = applyOne(result, name, value);
      } catch (ConfigException e) {
        throw inVariable(name, e);
      }
    }
    String lanes = environment.get(LANES);
    if (!isBlank(lanes)) {
      try {
        result = result.withOnlyLanes(laneList(lanes));
      } catch (ConfigException e) {
        throw inVariable(LANES, e);
      }
    }
    return result;
  }

  /**
   * The variable that sets lane {@code lane}'s threads, e.g. {@code LANES_LANE_BULK_IO_THREADS}.
   */
  static String threadsVariable(String lane) {
    return LANE_PREFIX + lane.toUpperCase(Locale.ROOT).replace('-', '_') + THREADS_SUFFIX;
  }

  /** The Kafka property {@code LANES_KAFKA_<PROPERTY>} sets, e.g. {@code sasl.jaas.config}. */
  static String kafkaProperty(String variable) {
    return variable.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static LanesConfig applyOne(LanesConfig config, String name, String value) {
    if (name.equals(BOOTSTRAP_SERVERS)) {
      return config.withBootstrapServers(value.trim());
    }
    if (name.equals(HTTP_PORT)) {
      return config.withHttpPort(wholeNumber(value));
    }
    if (name.startsWith(KAFKA_PREFIX)) {
      return config.withKafkaProperty(kafkaProperty(name), value);
    }
    String lane =
        config.laneNames().stream()
            .filter(each -> threadsVariable(each).equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "names no configured lane (configured: "
                            + config.laneNames().stream()
                                .map(EnvironmentOverrides::threadsVariable)
                                .toList()
                            + ")"));
    return config.withThreads(lane, wholeNumber(value));
  }

  private static boolean isKnown(String name) {
    return name.equals(BOOTSTRAP_SERVERS)
        || name.equals(HTTP_PORT)
        || name.equals(LANES)
        || name.equals(WORKER_ID)
        || name.equals(CONSOLE_TOKEN)
        || LAUNCHER_VARIABLES.contains(name)
        || (name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length())
        || (name.startsWith(LANE_PREFIX)
            && name.endsWith(THREADS_SUFFIX)
            && name.length() > LANE_PREFIX.length() + THREADS_SUFFIX.length());
  }

  private static List<String> laneList(String value) {
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }

  private static int wholeNumber(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("must be a whole number, was '" + value + "'", e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static ConfigException inVariable(String name, ConfigException e) {
    return new ConfigException("environment: " + name + ": " + e.getMessage(), e);
  }
}
