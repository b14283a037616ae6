package dev.lanes.tools.bench;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.OrderingMode;
import dev.lanes.topics.LaneTopics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code io-bound}: a lane whose handler sleeps {@link #LATENCY} per task on the lane's own pool of
 * {@link #THREADS} threads. By Little's law the pool can finish at most threads / latency tasks per
 * second; the efficiency is the achieved rate, from the first task's start to the last task's end,
 * over that bound.
 */
final class IoBoundScenario {

  static final int THREADS = 64;
  static final Duration LATENCY = Duration.ofMillis(20);
  private static final int MAX_TASKS = 20_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private IoBoundScenario() {}

  static Map<String, Object> run(BenchContext bench, int records) {
    int tasks = Math.min(records, MAX_TASKS);
    LaneTopics lane = bench.freshLane("bench-io", 6);
    BenchRecords.produce(bench, lane.main().name(), "io", tasks);
    AtomicLong started = new AtomicLong();
    AtomicLong finished = new AtomicLong();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "io",
                (task, context) -> {
                  if (started.incrementAndGet() == 1) {
                    first.set(System.nanoTime());
                  }
                  BenchContext.pause(LATENCY.toMillis());
                  last.accumulateAndGet(System.nanoTime(), Math::max);
                  finished.incrementAndGet();
                })
            .build();
    LaneConfig config =
        LaneConfig.of(lane)
            .withGroupId("bench-" + UUID.randomUUID())
            .withConcurrency(THREADS)
            .withOrdering(OrderingMode.UNORDERED)
            .withMaxInFlight(5000, 2000);
    try (LanesRuntime runtime = bench.start(handlers, config)) {
      BenchContext.awaitAtLeast(finished::get, tasks, TIMEOUT, 5);
    }
    long done = finished.get();
    double seconds = Math.max(1e-9, (last.get() - first.get()) / 1e9);
    double achieved = done == 0 ? 0 : done / seconds;
    double bound = THREADS / (LATENCY.toNanos() / 1e9);
    bench.progress(
        String.format(
            "io-bound: %d tasks at %.0f/s, bound %.0f/s, efficiency %.3f",
            done, achieved, bound, achieved / bound));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("achieved_per_s", Math.round(achieved));
    result.put("bound_per_s", Math.round(bound));
    result.put("efficiency", ThroughputScenario.round(achieved / bound));
    result.put("threads", THREADS);
    result.put("latency_ms", LATENCY.toMillis());
    result.put("tasks", done);
    return result;
  }
}
