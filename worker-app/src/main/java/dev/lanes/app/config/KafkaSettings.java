package dev.lanes.app.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How to reach Kafka: the bootstrap servers, if the file names them, and properties passed
 * unchanged to every Kafka client (security settings, mostly). {@link #toString()} masks secrets.
 *
 * @param bootstrapServers the cluster, or empty to leave it to flags or a local broker
 * @param properties Kafka client properties in file order; never {@code bootstrap.servers}
 */
public record KafkaSettings(Optional<String> bootstrapServers, Map<String, String> properties) {

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isPresent() && bootstrapServers.get().isBlank()) {
      throw new ConfigException("kafka.bootstrap-servers must not be blank");
    }
    properties = copyOf(properties);
  }

  public static KafkaSettings none() {
    return new KafkaSettings(Optional.empty(), Map.of());
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(Optional.ofNullable(servers), properties);
  }

  /** A copy where client property {@code key} is {@code value}, replacing any earlier value. */
  public KafkaSettings withProperty(String key, String value) {
    Map<String, String> changed = new LinkedHashMap<>(properties);
    changed.put(key, value);
    return new KafkaSettings(bootstrapServers, changed);
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers.orElse("(not set)")
        + ", properties="
        + Secrets.mask(properties)
        + "]";
  }

  private static Map<String, String> copyOf(Map<String, String> properties) {
    Objects.requireNonNull(properties, "properties");
    Map<String, String> copy = new LinkedHashMap<>();
    properties.forEach(
        (key, value) -> {
          if (key == null || key.isBlank()) {
            throw new ConfigException("kafka.properties holds a blank key");
          }
          if (value == null) {
            throw new ConfigException("kafka.properties." + key + " has no value");
          }
          // One source for the cluster: a second one here would silently lose to the flag or env.
          if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException(
                "kafka.properties.bootstrap.servers is not allowed here"
                    + " (set kafka.bootstrap-servers or LANES_BOOTSTRAP_SERVERS instead)");
          }
          // Every consumer of every lane would share it, and Kafka fences all but one of them.
          if (key.equals(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            throw new ConfigException(
                "kafka.properties.group.instance.id is not allowed here (every consumer would"
                    + " share it; set --worker-id or LANES_WORKER_ID instead)");
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
