package dev.lanes.app.bench;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.OrderingMode;
import dev.lanes.task.TaskCodec;
import dev.lanes.topics.LaneTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code throughput}: the same backlog read by a plain KafkaConsumer loop that decodes nothing (the
 * physical limit), by one that decodes the task envelope (what any task runtime must do), and by a
 * Lanes lane with a no-op handler, UNORDERED and KEY ordered. Rates exclude group join and
 * connection setup: each is measured from the first record to the last.
 */
final class ThroughputScenario {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private ThroughputScenario() {}

  static Map<String, Object> run(BenchContext bench, int records) {
    LaneTopics lane = bench.freshLane("bench-throughput", 6);
    String topic = lane.main().name();
    BenchRecords.produce(bench, topic, "noop", records);
    double raw = rawRate(bench, topic, records, false);
    bench.progress(String.format("raw consumer: %.0f records/s", raw));
    double rawDecode = rawRate(bench, topic, records, true);
    bench.progress(String.format("raw consumer + decode: %.0f records/s", rawDecode));
    double unordered = laneRate(bench, lane, records, OrderingMode.UNORDERED);
    bench.progress(String.format("lanes UNORDERED: %.0f records/s", unordered));
    double key = laneRate(bench, lane, records, OrderingMode.KEY);
    bench.progress(String.format("lanes KEY: %.0f records/s", key));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("records", records);
    result.put("raw_records_per_s", Math.round(raw));
    result.put("raw_decode_records_per_s", Math.round(rawDecode));
    result.put("lanes_unordered_records_per_s", Math.round(unordered));
    result.put("lanes_key_records_per_s", Math.round(key));
    result.put("ratio_unordered", round(unordered / raw));
    result.put("ratio_key", round(key / raw));
    result.put("ratio_unordered_vs_decode", round(unordered / rawDecode));
    result.put("ratio_key_vs_decode", round(key / rawDecode));
    return result;
  }

  private static double rawRate(BenchContext bench, String topic, int records, boolean decode) {
    Map<String, Object> config = new HashMap<>(bench.client());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    TaskCodec codec = new TaskCodec();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long read = 0;
      long first = 0;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (read < records && System.nanoTime() - deadline < 0) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        if (!batch.isEmpty() && first == 0) {
          first = System.nanoTime();
        }
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          if (decode) {
            codec.decode(record.value(), record.timestamp());
          }
          read++;
        }
      }
      return rate(read, first, System.nanoTime());
    }
  }

  private static double laneRate(
      BenchContext bench, LaneTopics lane, int records, OrderingMode ordering) {
    AtomicLong handled = new AtomicLong();
    AtomicLong first = new AtomicLong();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "noop",
                (task, context) -> {
                  if (handled.incrementAndGet() == 1) {
                    first.set(System.nanoTime());
                  }
                })
            .build();
    LaneConfig config =
        LaneConfig.of(lane)
            .withGroupId("bench-" + UUID.randomUUID())
            .withOrdering(ordering)
            .withConcurrency(Math.max(2, Runtime.getRuntime().availableProcessors()));
    try (LanesRuntime runtime = bench.start(handlers, config)) {
      BenchContext.awaitAtLeast(handled::get, records, TIMEOUT, 1);
      return rate(handled.get(), first.get(), System.nanoTime());
    }
  }

  private static double rate(long records, long firstNanos, long lastNanos) {
    if (records == 0 || firstNanos == 0) {
      return 0;
    }
    return records / Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
