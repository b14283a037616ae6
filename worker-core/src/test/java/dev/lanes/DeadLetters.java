package dev.lanes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reads forwarded records byte for byte, as an operator's tool would. */
final class DeadLetters {

  private DeadLetters() {}

  /** Reads {@code topic} from the beginning until {@code count} records arrived, or fails. */
  static List<ConsumerRecord<byte[], byte[]>> read(
      TestKafka kafka, String topic, int count, Duration timeout) {
    Map<String, Object> config = kafka.consumerConfig(kafka.uniqueName("read-dlt"));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < kafka.partitionCount(topic); p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < count && System.nanoTime() - deadline < 0) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    if (records.size() < count) {
      throw new AssertionError(
          "expected " + count + " records in " + topic + ", found " + records.size());
    }
    return records;
  }

  /** Produces raw bytes, for records no String serializer could write; waits for every ack. */
  static void sendRaw(TestKafka kafka, List<ProducerRecord<byte[], byte[]>> records) {
    sendRaw(kafka, records, Map.of());
  }

  /** The same, with producer settings on top, e.g. a larger {@code max.request.size}. */
  static void sendRaw(
      TestKafka kafka, List<ProducerRecord<byte[], byte[]>> records, Map<String, Object> extra) {
    Map<String, Object> config = kafka.producerConfig();
    config.putAll(extra);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      records.forEach(record -> acks.add(producer.send(record)));
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError("could not produce test records: " + e, e);
    }
  }

  /** The header's value as text, or null when absent. */
  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  /** How often the header occurs on the record. */
  static int occurrences(Headers headers, String name) {
    int count = 0;
    for (Header ignored : headers.headers(name)) {
      count++;
    }
    return count;
  }

  /** Total bytes of all header keys and values: what a hop adds to a record. */
  static int headerBytes(Headers headers) {
    int bytes = 0;
    for (Header header : headers) {
      bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    return bytes;
  }
}
