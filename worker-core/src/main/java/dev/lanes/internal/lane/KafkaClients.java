package dev.lanes.internal.lane;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes the Kafka clients of a lane from their settings. The runtime uses {@link #REAL}; unit tests
 * pass Kafka's own {@code MockConsumer}/{@code MockProducer} instead of a broker.
 */
public record KafkaClients(
    Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers,
    Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {

  public static final KafkaClients REAL =
      new KafkaClients(
          config -> new KafkaConsumer<byte[], byte[]>(config),
          config -> new KafkaProducer<byte[], byte[]>(config));

  public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
    return consumers.apply(config);
  }

  public Producer<byte[], byte[]> producer(Map<String, Object> config) {
    return producers.apply(config);
  }
}
