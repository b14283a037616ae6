package dev.lanes.internal.fleet;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The settings of the fleet's own producer and consumer, on top of the runtime's client ones. */
final class FleetClientSettings {

  // A send to an unreachable topic fails within a second instead of the default minute: the
  // publisher's thread must stay free for the next report and for the tombstone at close.
  static final int MAX_BLOCK_MS = 1_000;
  static final int REQUEST_TIMEOUT_MS = 5_000;
  static final int DELIVERY_TIMEOUT_MS = 10_000;

  private FleetClientSettings() {}

  static Map<String, Object> producer(Fleet.Setup setup) {
    Map<String, Object> config = new HashMap<>(setup.clientConfig());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "lanes-fleet-" + setup.identity().workerId());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  // No group: every worker reads every partition, and nothing is committed.
  static Map<String, Object> consumer(Fleet.Setup setup) {
    Map<String, Object> config = new HashMap<>(setup.clientConfig());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lanes-fleet-view-" + setup.identity().workerId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }
}
