package dev.lanes.tools.bench;

import dev.lanes.Backoff;
import dev.lanes.DependencyPolicy;
import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.MetricNames;
import dev.lanes.RetryPolicy;
import dev.lanes.Task;
import dev.lanes.TaskHandler;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.task.TaskCodec;
import dev.lanes.testkit.fake.FlakyHttpService;
import dev.lanes.topics.LaneTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code brownout}: lanes {@code realtime} (10 tasks/s) and {@code batch} (20 tasks/s), 16 threads
 * each, both calling one shared {@code http} dependency: a fake with 8 server threads whose latency
 * goes from 20 ms to 500 ms for the brown-out and back. At 500 ms it serves 16 calls/s, fewer than
 * the 30/s offered, so calls beyond 8 in flight queue inside it, and beyond 16 they wait longer
 * than the 1 s call timeout (the fake still serves a call its caller gave up on, as a real service
 * would). Tasks get 3 retries 1 s apart. Run once with a fixed cap of 24 concurrent calls (what the
 * healthy dependency takes; permits awaited up to 1 s) and once with an adaptive limit between 1
 * and 24 (realtime guaranteed 80%).
 *
 * <p>Realtime latency is end to end: record timestamp to the end of the attempt that succeeded,
 * retries included; dead-lettered tasks are counted apart. Recovery is the time from the latency
 * going back to 20 ms until the adaptive limit is back within 10% of its value before the brown-out
 * (-1 when it is not within twice the brown-out, at most 60 s).
 */
final class BrownoutScenario {

  static final Duration DEFAULT_BROWNOUT = Duration.ofSeconds(30);
  static final Duration HEALTHY_LATENCY = Duration.ofMillis(20);
  static final Duration BROWNOUT_LATENCY = Duration.ofMillis(500);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
  static final Duration REALTIME_INTERVAL = Duration.ofMillis(100);
  static final Duration BATCH_INTERVAL = Duration.ofMillis(50);
  static final int THREADS = 16;
  static final int CAP = 24;
  static final RetryPolicy RETRIES = RetryPolicy.of(3, Backoff.fixed(Duration.ofSeconds(1)));
  private static final Duration HEALTHY_BEFORE = Duration.ofSeconds(5);
  private static final Duration STREAM_AFTER = Duration.ofSeconds(10);
  private static final Duration MAX_RECOVERY_WAIT = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
  private static final String API = "http";
  private static final String REALTIME = "realtime";
  private static final String BATCH = "batch";

  private BrownoutScenario() {}

  private record Run(long realtimeP99, long timeouts, long deadLettered, double recoverySeconds) {}

  /**
   * @param brownout how long the dependency answers in 500 ms
   */
  static Map<String, Object> run(BenchContext bench, Duration brownout) {
    DependencyPolicy fixed =
        DependencyPolicy.withoutBreaker().withMaxConcurrency(CAP).withMaxWait(CALL_TIMEOUT);
    DependencyPolicy adaptive = DependencyPolicy.withoutBreaker().withAdaptiveConcurrency(1, CAP);
    Run fixedRun = runOnce(bench, "fixed", brownout, fixed);
    Run adaptiveRun = runOnce(bench, "adaptive", brownout, adaptive);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("realtime_p99_fixed_ms", fixedRun.realtimeP99());
    result.put("realtime_p99_adaptive_ms", adaptiveRun.realtimeP99());
    result.put("timeouts_fixed", fixedRun.timeouts());
    result.put("timeouts_adaptive", adaptiveRun.timeouts());
    result.put("dead_lettered_fixed", fixedRun.deadLettered());
    result.put("dead_lettered_adaptive", adaptiveRun.deadLettered());
    result.put("recovery_s_adaptive", adaptiveRun.recoverySeconds());
    result.put("brownout_s", brownout.toSeconds());
    result.put("call_timeout_ms", CALL_TIMEOUT.toMillis());
    result.put("recovery_wait_s", recoveryWait(brownout).toSeconds());
    result.put("latency_measured", "record timestamp to success, retries included");
    return result;
  }

  private static Run runOnce(
      BenchContext bench, String name, Duration brownout, DependencyPolicy policy) {
    LaneTopics realtimeTopics = bench.freshLane("bench-brownout-rt", 6);
    LaneTopics batchTopics = bench.freshLane("bench-brownout-batch", 6);
    LaneConfig realtimeLane = lane(REALTIME, realtimeTopics);
    LaneConfig batchLane = lane(BATCH, batchTopics);
    PhaseSamples realtime = new PhaseSamples();
    PhaseSamples batch = new PhaseSamples();
    AtomicLong timeouts = new AtomicLong();
    TaskHandler http = DiagnosticHandlers.registry().find(DiagnosticHandlers.HTTP);
    String realtimeType = "bench-http-realtime";
    String batchType = "bench-http-batch";
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(realtimeType, counting(http, timeouts, realtime))
            .register(batchType, counting(http, timeouts, batch))
            .build();
    Duration healthy = min(HEALTHY_BEFORE, brownout);
    Duration after = min(STREAM_AFTER, brownout);
    double recoverySeconds = -1;
    int realtimeSent;
    int batchSent;
    long realtimeDead;
    long batchDead;
    try (FlakyHttpService fake = FlakyHttpService.start(0);
        LanesRuntime runtime =
            LanesRuntime.builder()
                .bootstrapServers(bench.bootstrapServers())
                .handlers(handlers)
                .dependency(API, policy)
                .lane(realtimeLane)
                .lane(batchLane)
                .build()
                .start()) {
      fake.addLatency(HEALTHY_LATENCY);
      MeterRegistry meters = runtime.meterRegistry();
      TaskCodec codec = new TaskCodec();
      try (BenchStream realtimeStream =
              BenchStream.start(
                  bench,
                  realtimeLane.topic(),
                  REALTIME_INTERVAL,
                  () -> Task.create(realtimeType, payload(codec, fake)));
          BenchStream batchStream =
              BenchStream.start(
                  bench,
                  batchLane.topic(),
                  BATCH_INTERVAL,
                  () -> Task.create(batchType, payload(codec, fake)))) {
        // Healthy time counts from the first completed task, not from before the group joined.
        BenchContext.awaitAtLeast(realtime::seen, 1, DRAIN_TIMEOUT, 20);
        BenchContext.pause(healthy.toMillis());
        double limitBefore = limit(meters);
        long timeoutsBefore = timeouts.get();
        fake.addLatency(BROWNOUT_LATENCY);
        bench.progress(
            String.format(
                "brownout %s: the dependency answers in %d ms for %s (limit before %s)",
                name, BROWNOUT_LATENCY.toMillis(), brownout, limitBefore));
        StringBuilder limits = new StringBuilder();
        long brownoutEnd = System.nanoTime() + brownout.toNanos();
        while (System.nanoTime() - brownoutEnd < 0) {
          BenchContext.pause(Math.min(1000, (brownoutEnd - System.nanoTime()) / 1_000_000 + 1));
          limits.append(' ').append((long) limit(meters));
        }
        fake.addLatency(HEALTHY_LATENCY);
        if (policy.adaptive() != null) {
          bench.progress("brownout " + name + ": the limit each second:" + limits);
        }
        long healedAt = System.nanoTime();
        if (policy.adaptive() != null) {
          BenchContext.awaitAtLeast(
              () -> limit(meters) >= 0.9 * limitBefore ? 1 : 0, 1, recoveryWait(brownout), 20);
          if (limit(meters) >= 0.9 * limitBefore) {
            recoverySeconds = ThroughputScenario.round((System.nanoTime() - healedAt) / 1e9);
          }
        }
        bench.progress(
            String.format(
                "brownout %s: %d timeouts during the brown-out",
                name, timeouts.get() - timeoutsBefore));
        BenchContext.pause(
            Math.max(0, after.toMillis() - (System.nanoTime() - healedAt) / 1_000_000));
        realtimeSent = realtimeStream.stop();
        batchSent = batchStream.stop();
      }
      awaitSettled(bench, realtime, realtimeSent, realtimeLane);
      awaitSettled(bench, batch, batchSent, batchLane);
      realtimeDead = OutageScenario.endTotal(bench, realtimeLane.deadLetterTopic());
      batchDead = OutageScenario.endTotal(bench, batchLane.deadLetterTopic());
    }
    Run result =
        new Run(realtime.p99(REALTIME), timeouts.get(), realtimeDead + batchDead, recoverySeconds);
    bench.progress(
        String.format(
            "brownout %s: realtime %d sent, %d succeeded, p99=%d ms; batch %d sent, %d succeeded;"
                + " %d timeouts, %d dead-lettered (realtime %d, batch %d), recovery %s s",
            name,
            realtimeSent,
            realtime.seen(),
            result.realtimeP99(),
            batchSent,
            batch.seen(),
            result.timeouts(),
            result.deadLettered(),
            realtimeDead,
            batchDead,
            recoverySeconds));
    return result;
  }

  private static LaneConfig lane(String name, LaneTopics topics) {
    return LaneConfig.of(name, topics.main().name())
        .withGroupId("bench-" + UUID.randomUUID())
        .withConcurrency(THREADS)
        .withRetry(RETRIES);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode payload(
      TaskCodec codec, FlakyHttpService fake) {
    return codec
        .mapper()
        .createObjectNode()
        .put("url", fake.workUri().toString())
        .put("dependency", API)
        .put("timeoutMs", CALL_TIMEOUT.toMillis());
  }

  /** The http handler, counting calls that timed out and the end-to-end latency of successes. */
  private static TaskHandler counting(TaskHandler http, AtomicLong timeouts, PhaseSamples done) {
    return (task, context) -> {
      try {
        http.handle(task, context);
      } catch (Exception e) {
        if (timedOut(e)) {
          timeouts.incrementAndGet();
        }
        throw e;
      }
      long latency = System.currentTimeMillis() - task.createdAt().toEpochMilli();
      // Both lanes' samples sit under the realtime key; only the realtime lane's are reported.
      done.add(REALTIME, task.id(), latency);
    };
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Waits until every task sent to the lane succeeded or was dead-lettered. */
  private static void awaitSettled(
      BenchContext bench, PhaseSamples done, int sent, LaneConfig lane) {
    BenchContext.awaitAtLeast(
        () -> done.seen() + OutageScenario.endTotal(bench, lane.deadLetterTopic()),
        sent,
        DRAIN_TIMEOUT,
        200);
  }

  /** The dependency's adaptive limit, or -1 without one. */
  private static double limit(MeterRegistry meters) {
    Gauge gauge =
        meters.find(MetricNames.DEPENDENCY_LIMIT).tag(MetricNames.TAG_DEPENDENCY, API).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  /**
   * How long to wait for the limit to recover before reporting -1: the limit grows only while calls
   * keep it busy, so after a short brown-out, with little backlog to drain, it may never get back.
   */
  static Duration recoveryWait(Duration brownout) {
    return min(MAX_RECOVERY_WAIT, brownout.multipliedBy(2));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
