package dev.lanes.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML config file into a {@link LanesConfig}: the top-level sections here, {@code lanes}
 * and {@code dependencies} in their own readers. Every problem is a one-line {@link
 * ConfigException} that starts with the file's name.
 */
final class ConfigFile {

  static final List<String> TOP_KEYS =
      List.of("kafka", "http", "topics", "lanes", "dependencies", "fleet");
  static final List<String> FLEET_KEYS = List.of("interval");
  static final List<String> KAFKA_KEYS = List.of("bootstrap-servers", "properties");
  static final List<String> HTTP_KEYS = List.of("port");
  static final List<String> TOPIC_KEYS = List.of("replication-factor", "min-insync-replicas");

  private ConfigFile() {}

  static LanesConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the config file: " + e, e);
    }
    return parse(text, file.toString());
  }

  static LanesConfig parse(String yaml, String source) {
    try {
      return read(ConfigNode.root(YamlTree.read(yaml)));
    } catch (ConfigException e) {
      throw e.in(source);
    }
  }

  private static LanesConfig read(ConfigNode root) {
    root.allowOnly(TOP_KEYS);
    LanesConfig defaults = LanesConfig.defaults();
    ConfigNode topics = root.child("topics");
    if (root.has("topics")) {
      topics.allowOnly(TOPIC_KEYS);
    }
    return new LanesConfig(
        root.has("kafka") ? kafka(root.child("kafka")) : defaults.kafka(),
        root.has("http") ? port(root.child("http"), defaults.httpPort()) : defaults.httpPort(),
        topics.has("replication-factor")
            ? topics.child("replication-factor").asInt()
            : defaults.replicationFactor(),
        topics.has("min-insync-replicas")
            ? topics.child("min-insync-replicas").asInt()
            : defaults.minInsyncReplicas(),
        root.has("lanes") ? LaneReader.read(root.child("lanes")) : defaults.lanes(),
        root.has("dependencies")
            ? DependencyReader.read(root.child("dependencies"))
            : defaults.dependencies(),
        root.has("fleet") ? fleetInterval(root.child("fleet")) : defaults.fleetInterval());
  }

  private static Duration fleetInterval(ConfigNode fleet) {
    fleet.allowOnly(FLEET_KEYS);
    return fleet.has("interval")
        ? fleet.child("interval").asDuration()
        : LanesConfig.DEFAULT_FLEET_INTERVAL;
  }

  private static KafkaSettings kafka(ConfigNode kafka) {
    kafka.allowOnly(KAFKA_KEYS);
    Optional<String> servers =
        kafka.has("bootstrap-servers")
            ? Optional.of(kafka.child("bootstrap-servers").asText())
            : Optional.empty();
    Map<String, String> properties = new LinkedHashMap<>();
    if (kafka.has("properties")) {
      kafka
          .child("properties")
          .entries()
          .forEach((key, value) -> properties.put(key, value.asScalarText()));
    }
    return new KafkaSettings(servers, properties);
  }

  private static int port(ConfigNode http, int fallback) {
    http.allowOnly(HTTP_KEYS);
    return http.has("port") ? http.child("port").asInt() : fallback;
  }
}
