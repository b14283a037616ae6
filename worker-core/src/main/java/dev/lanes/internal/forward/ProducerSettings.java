package dev.lanes.internal.forward;

import dev.lanes.LaneConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The configuration of a lane's forwarding producer: our defaults, the user's, what we require. */
public final class ProducerSettings {

  /** Matches the retry and dead-letter topics' max.message.bytes in the topic catalog. */
  static final int MAX_REQUEST_SIZE = 2 * 1024 * 1024;

  private ProducerSettings() {}

  public static Map<String, Object> forLane(
      LaneConfig lane, String bootstrapServers, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    // A record that filled the main topic's limit must still fit with failure headers added.
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
    // A send to a missing topic waits this long for metadata, in a worker thread: fail fast and
    // resend later rather than hold a worker for the default minute.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putAll(overrides);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(
        ProducerConfig.CLIENT_ID_CONFIG,
        "lanes-" + lane.name() + "-forward-" + UUID.randomUUID().toString().substring(0, 8));
    // Durable forwarding is what lets the source offset be committed: not negotiable.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
