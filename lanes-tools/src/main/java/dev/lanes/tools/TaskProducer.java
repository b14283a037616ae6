package dev.lanes.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes task records and returns only when the broker has acknowledged every one: a send is done
 * when its callback says so, not when {@code send} returns.
 */
final class TaskProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  TaskProducer(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Sends in order; throws naming the first record that was not acknowledged. */
  void sendAll(List<ProducerRecord<String, byte[]>> records) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
      acks.add(producer.send(record));
    }
    producer.flush();
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "record " + i + " to " + records.get(i).topic() + " was not written: " + e.getCause(),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for acknowledgements", e);
      }
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
