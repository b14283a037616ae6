package dev.lanes.tools.bench;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.OrderingMode;
import dev.lanes.Task;
import dev.lanes.task.TaskCodec;
import dev.lanes.topics.LaneTopics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code isolation}: a realtime lane (6 partitions, 4 threads, KEY) and a batch lane (12
 * partitions, 8 threads) in one runtime. The realtime lane gets a steady stream of tasks, alone and
 * then while the batch lane works through a backlog of slow tasks that keep all its threads busy;
 * the end-to-end latency (handled minus created) of the realtime tasks should not change.
 */
final class IsolationScenario {

  static final Duration RATE_INTERVAL = Duration.ofMillis(5);
  static final Duration PHASE = Duration.ofSeconds(8);
  static final Duration WARMUP = Duration.ofSeconds(2);
  static final int BATCH_BACKLOG = 50_000;
  static final Duration BATCH_TASK = Duration.ofMillis(50);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  private static final String REALTIME = "bench-realtime";
  private static final String BATCH = "bench-batch";
  private static final String WARMUP_PHASE = "warmup";
  private static final String ALONE = "alone";
  private static final String FLOODED = "flooded";

  private IsolationScenario() {}

  static Map<String, Object> run(BenchContext bench, int records) {
    LaneTopics realtime = bench.freshLane("bench-realtime", 6);
    LaneTopics batch = bench.freshLane("bench-batch", 12);
    Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    AtomicInteger batchStarted = new AtomicInteger();
    AtomicBoolean measured = new AtomicBoolean();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                REALTIME,
                (task, context) -> {
                  long latency = System.currentTimeMillis() - task.createdAt().toEpochMilli();
                  latencies
                      .computeIfAbsent(
                          task.payload().path("phase").asText(), p -> new CopyOnWriteArrayList<>())
                      .add(latency);
                })
            .register(
                BATCH,
                (task, context) -> {
                  batchStarted.incrementAndGet();
                  // Once measured, the rest of the backlog is skipped so the runtime stops quickly.
                  if (!measured.get()) {
                    Thread.sleep(BATCH_TASK.toMillis());
                  }
                })
            .build();
    LaneConfig realtimeLane =
        LaneConfig.of(realtime)
            .withGroupId("bench-" + UUID.randomUUID())
            .withConcurrency(4)
            .withOrdering(OrderingMode.KEY);
    LaneConfig batchLane =
        LaneConfig.of(batch)
            .withGroupId("bench-" + UUID.randomUUID())
            .withConcurrency(8)
            .withShutdownGrace(Duration.ofSeconds(5));
    try (LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(bench.bootstrapServers())
            .handlers(handlers)
            .lane(realtimeLane)
            .lane(batchLane)
            .build()
            .start()) {
      // Group join and first connections are not part of either phase.
      stream(bench, realtime, WARMUP_PHASE, WARMUP, latencies);
      stream(bench, realtime, ALONE, PHASE, latencies);
      BenchRecords.produce(bench, batch.main().name(), BATCH, BATCH_BACKLOG);
      int batchAtStart = batchStarted.get();
      stream(bench, realtime, FLOODED, PHASE, latencies);
      int batchDuring = batchStarted.get() - batchAtStart;
      bench.progress(
          String.format(
              "isolation: the batch lane started %d tasks while the realtime lane was measured",
              batchDuring));
      measured.set(true);
    }
    long[] alone = sorted(latencies.get(ALONE));
    long[] flooded = sorted(latencies.get(FLOODED));
    long p99Alone = RetryDelayScenario.percentile(alone, 0.99);
    long p99Flooded = RetryDelayScenario.percentile(flooded, 0.99);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("p50_alone_ms", RetryDelayScenario.percentile(alone, 0.50));
    result.put("p99_alone_ms", p99Alone);
    result.put("p50_flooded_ms", RetryDelayScenario.percentile(flooded, 0.50));
    result.put("p99_flooded_ms", p99Flooded);
    result.put("ratio_p99", ThroughputScenario.round((double) p99Flooded / Math.max(1, p99Alone)));
    result.put("samples_alone", alone.length);
    result.put("samples_flooded", flooded.length);
    return result;
  }

  /**
   * Streams realtime tasks of {@code phase} for {@code length}, then waits until all are handled.
   */
  private static void stream(
      BenchContext bench,
      LaneTopics realtime,
      String phase,
      Duration length,
      Map<String, List<Long>> latencies) {
    TaskCodec codec = new TaskCodec();
    int sent;
    try (BenchStream stream =
        BenchStream.start(
            bench,
            realtime.main().name(),
            RATE_INTERVAL,
            () -> Task.create(REALTIME, codec.mapper().createObjectNode().put("phase", phase)))) {
      sleep(length);
      sent = stream.stop();
    }
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (handled(latencies, phase) < sent && System.nanoTime() - deadline < 0) {
      sleep(Duration.ofMillis(20));
    }
    long[] sorted = sorted(latencies.get(phase));
    bench.progress(
        String.format(
            "isolation %s: %d of %d realtime tasks handled, p50=%d ms p99=%d ms",
            phase,
            sorted.length,
            sent,
            RetryDelayScenario.percentile(sorted, 0.50),
            RetryDelayScenario.percentile(sorted, 0.99)));
  }

  private static int handled(Map<String, List<Long>> latencies, String phase) {
    List<Long> list = latencies.get(phase);
    return list == null ? 0 : list.size();
  }

  private static long[] sorted(List<Long> values) {
    return values == null
        ? new long[0]
        : values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
