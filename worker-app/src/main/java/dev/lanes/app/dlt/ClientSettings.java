package dev.lanes.app.dlt;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client configurations of the dead-letter tools: the user's settings (bootstrap servers, security)
 * as given, plus what the tools rely on.
 */
final class ClientSettings {

  private ClientSettings() {}

  /** A consumer outside any group: it reads by assignment and never commits. */
  static Map<String, Object> reader(Map<String, Object> clientProperties) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    // Reading must not create a misspelt topic on a broker that auto-creates.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** A durable producer: a replay is done when the broker has the record on every replica. */
  static Map<String, Object> writer(Map<String, Object> clientProperties) {
    Map<String, Object> config = new HashMap<>();
    // A dead letter may be as large as the runtime forwards (2 MiB); users may raise it further.
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
    config.putAll(clientProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
