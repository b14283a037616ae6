package dev.lanes.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.Task;
import dev.lanes.task.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a scenario's records as fast as the broker takes them, and waits for every ack. */
final class BenchRecords {

  private BenchRecords() {}

  /** {@code count} tasks of {@code type} (about 100 bytes each), keyed over 1000 keys. */
  static void produce(BenchContext bench, String topic, String type, int count) {
    produce(bench, topic, type, count, 0);
  }

  /**
   * {@code count} tasks of {@code type} whose encoded value is about {@code payloadBytes} bytes
   * (padded with a {@code pad} string in the payload), keyed over 1000 keys; {@code 0} or anything
   * below the bare envelope's size adds no padding.
   */
  static void produce(BenchContext bench, String topic, String type, int count, int payloadBytes) {
    Map<String, Object> config = new HashMap<>(bench.client());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    TaskCodec codec = new TaskCodec();
    ObjectNode payload = padded(codec, type, payloadBytes);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] key = ("k-" + i % 1000).getBytes(StandardCharsets.UTF_8);
        byte[] value = codec.encode(Task.create(type, payload));
        acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
        if (acks.size() == 10_000) {
          awaitAll(acks);
        }
      }
      awaitAll(acks);
    }
    bench.progress(
        String.format(
            "produced %d records to %s in %.1f s",
            count, topic, (System.nanoTime() - start) / 1e9));
  }

  /** An empty payload, or one with a {@code pad} field sized so the value is about the target. */
  private static ObjectNode padded(TaskCodec codec, String type, int payloadBytes) {
    ObjectNode payload = codec.mapper().createObjectNode();
    if (payloadBytes <= 0) {
      return payload;
    }
    payload.put("pad", "");
    int bare = codec.encode(Task.create(type, payload)).length;
    payload.put("pad", "x".repeat(Math.max(0, payloadBytes - bare)));
    return payload;
  }

  private static void awaitAll(List<Future<RecordMetadata>> acks) {
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("producing the bench records failed: " + e, e);
    }
    acks.clear();
  }
}
