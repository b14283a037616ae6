package dev.lanes.tools.bench;

import dev.lanes.Backoff;
import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.RetryPolicy;
import dev.lanes.topics.LaneTopics;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code retry-delay}: tasks that fail once and are retried after a fixed delay (no jitter). The
 * overshoot is the time from the end of the failed attempt to the start of the retry, minus the
 * delay; a negative one is an early retry, which must never happen.
 */
final class RetryDelayScenario {

  static final Duration DELAY = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private RetryDelayScenario() {}

  static Map<String, Object> run(BenchContext bench, int tasks) {
    LaneTopics lane = bench.freshLane("bench-retry", 6);
    Map<String, Long> failedAt = new ConcurrentHashMap<>();
    Map<String, Long> retriedAt = new ConcurrentHashMap<>();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "flaky-once",
                (task, context) -> {
                  if (context.attempt() == 1) {
                    failedAt.put(task.id(), System.currentTimeMillis());
                    throw new IllegalStateException("first attempt fails");
                  }
                  retriedAt.putIfAbsent(task.id(), System.currentTimeMillis());
                })
            .build();
    LaneConfig config =
        LaneConfig.of(lane)
            .withGroupId("bench-" + UUID.randomUUID())
            .withRetry(RetryPolicy.of(2, Backoff.fixed(DELAY)));
    try (LanesRuntime runtime = bench.start(handlers, config)) {
      BenchRecords.produce(bench, lane.main().name(), "flaky-once", tasks);
      BenchContext.awaitAtLeast(retriedAt::size, tasks, TIMEOUT, 20);
    }
    long[] overshoots =
        retriedAt.entrySet().stream()
            .mapToLong(e -> e.getValue() - failedAt.get(e.getKey()) - DELAY.toMillis())
            .sorted()
            .toArray();
    long early = Arrays.stream(overshoots).filter(o -> o < 0).count();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tasks", tasks);
    result.put("retried", overshoots.length);
    result.put("delay_ms", DELAY.toMillis());
    result.put("overshoot_p50_ms", percentile(overshoots, 0.50));
    result.put("overshoot_p99_ms", percentile(overshoots, 0.99));
    result.put("overshoot_max_ms", overshoots.length == 0 ? 0 : overshoots[overshoots.length - 1]);
    result.put("early", early);
    bench.progress(
        String.format(
            "retry-delay: %d retries, overshoot p50=%d ms p99=%d ms, early=%d",
            overshoots.length, percentile(overshoots, 0.50), percentile(overshoots, 0.99), early));
    return result;
  }

  static long percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
