package dev.lanes.app.bench;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.topics.LaneTopics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code memory}: a backlog of records of about {@link #RECORD_BYTES} each, drained by a lane with
 * a no-op handler and the default config, while a sampler thread reads the used heap every {@link
 * #SAMPLE_EVERY}. It only reads the heap usage and never asks for a collection.
 *
 * <p>The broker shares this JVM unless {@code --bootstrap-server} is given, so when it runs
 * in-process the peak (and the baseline) include the broker's heap; {@code peak_minus_baseline_mb}
 * is the closer figure for the lane itself.
 */
final class MemoryScenario {

  static final int RECORD_BYTES = 1024;
  private static final int MAX_RECORDS = 1_000_000;
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final long MB = 1024 * 1024;

  private MemoryScenario() {}

  static Map<String, Object> run(BenchContext bench, int records) {
    int count = Math.min(records, MAX_RECORDS);
    LaneTopics lane = bench.freshLane("bench-memory", 6);
    BenchRecords.produce(bench, lane.main().name(), "noop", count, RECORD_BYTES);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong handled = new AtomicLong();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("noop", (task, context) -> handled.incrementAndGet())
            .build();
    LaneConfig config = LaneConfig.of(lane).withGroupId("bench-" + UUID.randomUUID());
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(SAMPLE_EVERY.toMillis());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    long end;
    try (LanesRuntime runtime = bench.start(handlers, config)) {
      BenchContext.awaitAtLeast(handled::get, count, TIMEOUT, 5);
      end = System.nanoTime();
    } finally {
      sampler.interrupt();
    }
    joinQuietly(sampler);
    long heapMax = memory.getHeapMemoryUsage().getMax();
    double drain = (end - start) / 1e9;
    bench.progress(
        String.format(
            "memory: %d records drained in %.1f s, peak heap %d MB (baseline %d MB, max %d MB)",
            handled.get(), drain, peak.get() / MB, baseline / MB, heapMax / MB));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("peak_heap_mb", peak.get() / MB);
    result.put("heap_max_mb", heapMax < 0 ? -1 : heapMax / MB);
    result.put("baseline_heap_mb", baseline / MB);
    result.put("peak_minus_baseline_mb", (peak.get() - baseline) / MB);
    result.put("records", handled.get());
    result.put("drain_s", Math.round(drain * 10) / 10.0);
    return result;
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(SAMPLE_EVERY.toMillis() * 10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
