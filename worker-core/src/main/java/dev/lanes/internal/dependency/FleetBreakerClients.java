package dev.lanes.internal.dependency;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of the fleet breaker board's clients: a consumer without a group that reads from the
 * beginning, and a producer that never holds the board's thread for long.
 */
final class FleetBreakerClients {

  /** The longest any call of the board's clients may block. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

  private FleetBreakerClients() {}

  static Map<String, Object> consumerConfig(Map<String, Object> base, String workerId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lanes-fleet-breakers-" + workerId);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  static Map<String, Object> producerConfig(Map<String, Object> base, String workerId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "lanes-fleet-breakers-" + workerId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A missing topic or a broker away must not hold the board's thread for long.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
