package dev.lanes.tools.bench;

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
 * connection setup: each is measured from the first record to the last. Each also reports the CPU
 * time its own threads spent per record (the consumer's poll thread; the lane's poll and worker
 * threads, group join included), which the neighbours on a shared machine disturb far less than the
 * rates, and the heap bytes the same threads allocated per record. The broker's CPU and allocations
 * are in neither.
 */
final class ThroughputScenario {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private ThroughputScenario() {}

  /**
   * @param rounds how many times the four readers read the backlog, one after the other; each
   *     figure is the median of its rounds, so one disturbed round does not move it
   * @param pollers main-topic poll loops of the two Lanes runs
   */
  static Map<String, Object> run(BenchContext bench, int records, int rounds, int pollers) {
    LaneTopics lane = bench.freshLane("bench-throughput", 6);
    String topic = lane.main().name();
    BenchRecords.produce(bench, topic, "noop", records);
    List<Map<String, Object>> figures = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String prefix = rounds == 1 ? "" : "round " + round + "/" + rounds + ", ";
      figures.add(round(bench, lane, records, pollers, prefix));
    }
    Map<String, Object> result = RoundMedians.of(figures);
    result.put("rounds", rounds);
    result.put("pollers", pollers);
    return result;
  }

  private static Map<String, Object> round(
      BenchContext bench, LaneTopics lane, int records, int pollers, String prefix) {
    String topic = lane.main().name();
    Measured raw = rawRate(bench, topic, records, false);
    bench.progress(prefix + "raw consumer: " + raw);
    Measured rawDecode = rawRate(bench, topic, records, true);
    bench.progress(prefix + "raw consumer + decode: " + rawDecode);
    Measured unordered = laneRate(bench, lane, records, OrderingMode.UNORDERED, pollers);
    bench.progress(prefix + "lanes UNORDERED: " + unordered);
    Measured key = laneRate(bench, lane, records, OrderingMode.KEY, pollers);
    bench.progress(prefix + "lanes KEY: " + key);
    Map<String, Object> result = rates(records, raw, rawDecode, unordered, key);
    result.put("cpu_ns_per_record_raw", raw.cpuNanosPerRecord());
    result.put("cpu_ns_per_record_raw_decode", rawDecode.cpuNanosPerRecord());
    result.put("cpu_ns_per_record_unordered", unordered.cpuNanosPerRecord());
    result.put("cpu_ns_per_record_key", key.cpuNanosPerRecord());
    result.put("cpu_ratio_unordered", cpuRatio(raw, unordered));
    result.put("cpu_ratio_key", cpuRatio(raw, key));
    result.put("cpu_ratio_unordered_vs_decode", cpuRatio(rawDecode, unordered));
    result.put("cpu_ratio_key_vs_decode", cpuRatio(rawDecode, key));
    result.put("alloc_bytes_per_record_raw", raw.allocBytesPerRecord());
    result.put("alloc_bytes_per_record_raw_decode", rawDecode.allocBytesPerRecord());
    result.put("alloc_bytes_per_record_unordered", unordered.allocBytesPerRecord());
    result.put("alloc_bytes_per_record_key", key.allocBytesPerRecord());
    return result;
  }

  /**
   * One reader's figures: records per second, and CPU nanoseconds and heap bytes allocated by its
   * threads per record.
   */
  record Measured(double rate, long cpuNanosPerRecord, long allocBytesPerRecord) {

    static Measured of(
        long records, long firstNanos, long lastNanos, long cpuNanos, long allocatedBytes) {
      return new Measured(
          ThroughputScenario.rate(records, firstNanos, lastNanos),
          records == 0 ? 0 : cpuNanos / records,
          records == 0 ? 0 : allocatedBytes / records);
    }

    @Override
    public String toString() {
      return String.format(
          "%.0f records/s, %d ns CPU and %d B allocated per record",
          rate, cpuNanosPerRecord, allocBytesPerRecord);
    }
  }

  private static Map<String, Object> rates(
      int records, Measured raw, Measured rawDecode, Measured unordered, Measured key) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("records", records);
    result.put("raw_records_per_s", Math.round(raw.rate()));
    result.put("raw_decode_records_per_s", Math.round(rawDecode.rate()));
    result.put("lanes_unordered_records_per_s", Math.round(unordered.rate()));
    result.put("lanes_key_records_per_s", Math.round(key.rate()));
    result.put("ratio_unordered", round(unordered.rate() / raw.rate()));
    result.put("ratio_key", round(key.rate() / raw.rate()));
    result.put("ratio_unordered_vs_decode", round(unordered.rate() / rawDecode.rate()));
    result.put("ratio_key_vs_decode", round(key.rate() / rawDecode.rate()));
    return result;
  }

  /** CPU per record of the raw loop over that of {@code other}: 1 means no dearer. */
  private static double cpuRatio(Measured raw, Measured other) {
    return other.cpuNanosPerRecord() == 0
        ? 0
        : round((double) raw.cpuNanosPerRecord() / other.cpuNanosPerRecord());
  }

  private static Measured rawRate(BenchContext bench, String topic, int records, boolean decode) {
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
      long cpuBefore = ThreadCpu.currentThread();
      long allocatedBefore = ThreadAllocation.currentThread();
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
      long last = System.nanoTime();
      return Measured.of(
          read,
          first,
          last,
          ThreadCpu.currentThread() - cpuBefore,
          ThreadAllocation.currentThread() - allocatedBefore);
    }
  }

  private static Measured laneRate(
      BenchContext bench, LaneTopics lane, int records, OrderingMode ordering, int pollers) {
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
            .withPollers(pollers)
            .withConcurrency(Math.max(2, Runtime.getRuntime().availableProcessors()));
    String threads = "lanes-" + config.name() + "-";
    try (LanesRuntime runtime = bench.start(handlers, config)) {
      BenchContext.awaitAtLeast(handled::get, records, TIMEOUT, 1);
      long last = System.nanoTime();
      // Read before the runtime closes: its threads' CPU time and allocations go with them.
      return Measured.of(
          handled.get(),
          first.get(),
          last,
          ThreadCpu.nanos(threads),
          ThreadAllocation.bytes(threads));
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
