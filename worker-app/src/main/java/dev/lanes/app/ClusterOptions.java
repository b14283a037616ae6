package dev.lanes.app;

import dev.lanes.app.config.ConfigException;
import dev.lanes.app.config.LanesConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to Kafka shares: where Kafka is, and the config file. Public
 * for the commands outside this package ({@code lanes console}).
 */
public final class ClusterOptions {

  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  @Option(
      names = {"--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT",
      description =
          "Kafka to connect to (else the config file's, LANES_BOOTSTRAP_SERVERS, or "
              + DEFAULT_BOOTSTRAP
              + ").")
  private String bootstrapServer;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The lanes.yaml to use (else LANES_CONFIG, else the built-in defaults).")
  private Path config;

  /** The effective configuration: file (or defaults), then LANES_* variables, then flags. */
  public LanesConfig load(Map<String, String> environment) {
    Optional<Path> file =
        Optional.ofNullable(config)
            .or(
                () ->
                    Optional.ofNullable(environment.get("LANES_CONFIG"))
                        .filter(value -> !value.isBlank())
                        .map(Path::of));
    try {
      LanesConfig loaded = LanesConfig.resolve(file, environment);
      return bootstrapServer == null ? loaded : loaded.withBootstrapServers(bootstrapServer);
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * The bootstrap servers to use; says so on {@code err} when it falls back to the default.
   *
   * @throws UsageException naming the address that is not {@code HOST:PORT}
   */
  public static String bootstrap(LanesConfig config, PrintStream err) {
    return requireHostPorts(config.bootstrapServers().orElseGet(() -> defaultBootstrap(err)));
  }

  /**
   * Checks each comma-separated address with Kafka's own parser, so that a bad one is named here
   * instead of surfacing as "Failed to construct kafka producer".
   */
  static String requireHostPorts(String servers) {
    for (String address : servers.split(",")) {
      String trimmed = address.strip();
      Integer port = Utils.getPort(trimmed);
      if (Utils.getHost(trimmed) == null || port == null || port < 1 || port > 65535) {
        throw new UsageException(
            "bootstrap server '"
                + trimmed
                + "' is not HOST:PORT (e.g. 127.0.0.1:9092, kafka-1:9092, [::1]:9092)");
      }
    }
    return servers;
  }

  private static String defaultBootstrap(PrintStream err) {
    err.println(
        "lanes: no bootstrap server given (--bootstrap-server, the config file or"
            + " LANES_BOOTSTRAP_SERVERS); using "
            + DEFAULT_BOOTSTRAP);
    return DEFAULT_BOOTSTRAP;
  }

  /** Settings for any Kafka client: the config's properties (security included) and servers. */
  public static Map<String, Object> clientProperties(LanesConfig config, String bootstrap) {
    Map<String, Object> properties = new HashMap<>(config.kafkaProperties());
    properties.put("bootstrap.servers", bootstrap);
    return properties;
  }
}
