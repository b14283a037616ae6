package dev.lanes.tools.bench;

import dev.lanes.Backoff;
import dev.lanes.BreakerPolicy;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code outage}: a steady stream of {@code http} tasks against a fake dependency that fails every
 * call for {@link #OUTAGE}, then recovers; once with a breaker that opens on the first failure and
 * once without one, both with the same retries. Counts the calls the dependency took during the
 * outage and the tasks that ended in the dead-letter topic, and, with the breaker, how long the
 * lane took to run normally again after the dependency recovered.
 */
final class OutageScenario {

  static final Duration OUTAGE = Duration.ofSeconds(60);
  static final Duration HEALTHY_BEFORE = Duration.ofSeconds(3);
  static final Duration STREAM_AFTER = Duration.ofSeconds(5);
  static final Duration HTTP_INTERVAL = Duration.ofMillis(40);
  static final Duration BREAKER_DELAY = Duration.ofSeconds(5);
  static final RetryPolicy RETRIES = RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(500)));
  private static final String API = "api";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private OutageScenario() {}

  private record Outage(long callsDuringOutage, long deadLettered, double recoverySeconds) {}

  static Map<String, Object> run(BenchContext bench, int records) {
    Outage breaker =
        runOutage(
            bench,
            "breaker",
            DependencyPolicy.withBreaker(BreakerPolicy.failures(1).withDelay(BREAKER_DELAY)));
    Outage naive = runOutage(bench, "naive", DependencyPolicy.withoutBreaker());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("calls_during_outage_breaker", breaker.callsDuringOutage());
    result.put("calls_during_outage_naive", naive.callsDuringOutage());
    result.put("dead_lettered_due_to_outage", breaker.deadLettered());
    result.put("dead_lettered_naive", naive.deadLettered());
    result.put("recovery_s", breaker.recoverySeconds());
    result.put("outage_s", OUTAGE.toSeconds());
    return result;
  }

  private static Outage runOutage(BenchContext bench, String name, DependencyPolicy policy) {
    LaneTopics topics = bench.freshLane("bench-outage", 3);
    LaneConfig lane =
        LaneConfig.of(topics).withGroupId("bench-" + UUID.randomUUID()).withRetry(RETRIES);
    AtomicLong succeeded = new AtomicLong();
    TaskHandler http = DiagnosticHandlers.registry().find(DiagnosticHandlers.HTTP);
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                DiagnosticHandlers.HTTP,
                (task, context) -> {
                  http.handle(task, context);
                  succeeded.incrementAndGet();
                })
            .build();
    boolean withBreaker = policy.breaker() != null;
    TaskCodec codec = new TaskCodec();
    try (FlakyHttpService fake = FlakyHttpService.start(0);
        LanesRuntime runtime =
            LanesRuntime.builder()
                .bootstrapServers(bench.bootstrapServers())
                .handlers(handlers)
                .dependency(API, policy)
                .lane(lane)
                .build()
                .start()) {
      MeterRegistry meters = runtime.meterRegistry();
      int sent;
      long callsDuringOutage;
      double recoverySeconds = -1;
      try (BenchStream stream =
          BenchStream.start(
              bench,
              lane.topic(),
              HTTP_INTERVAL,
              () ->
                  Task.create(
                      DiagnosticHandlers.HTTP,
                      codec
                          .mapper()
                          .createObjectNode()
                          .put("url", fake.workUri().toString())
                          .put("dependency", API)))) {
        // Healthy time counts from the first completed task, not from before the group joined.
        awaitUntil(() -> succeeded.get() > 0, TIMEOUT);
        sleep(HEALTHY_BEFORE);
        fake.failWith(503, 1.0);
        long callsAtFailure = fake.calls();
        bench.progress(String.format("outage %s: the dependency fails for %s", name, OUTAGE));
        sleep(OUTAGE);
        callsDuringOutage = fake.calls() - callsAtFailure;
        fake.recover();
        long recoveredAt = System.nanoTime();
        if (withBreaker) {
          awaitUntil(
              () ->
                  gauge(meters, MetricNames.DEPENDENCY_BREAKER_STATE) == 0
                      && gauge(meters, MetricNames.DEPENDENCY_PAUSED_PARTITIONS) == 0,
              TIMEOUT);
          recoverySeconds = ThroughputScenario.round((System.nanoTime() - recoveredAt) / 1e9);
        }
        sleep(STREAM_AFTER.minusNanos(System.nanoTime() - recoveredAt));
        sent = stream.stop();
      }
      awaitUntil(() -> succeeded.get() + endTotal(bench, lane.deadLetterTopic()) >= sent, TIMEOUT);
      long deadLettered = endTotal(bench, lane.deadLetterTopic());
      bench.progress(
          String.format(
              "outage %s: %d tasks, %d succeeded, %d dead-lettered, %d calls during the outage,"
                  + " recovery %s s",
              name, sent, succeeded.get(), deadLettered, callsDuringOutage, recoverySeconds));
      return new Outage(callsDuringOutage, deadLettered, recoverySeconds);
    }
  }

  /** The gauge's value, or -1 while the runtime has not registered it. */
  private static double gauge(MeterRegistry meters, String name) {
    Gauge gauge = meters.find(name).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  /** Records written to {@code topic} so far: the sum of its partitions' end offsets. */
  static long endTotal(BenchContext bench, String topic) {
    Map<String, Object> config = new HashMap<>(bench.client());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private interface Condition {
    boolean holds();
  }

  private static void awaitUntil(Condition condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the outage bench timed out after " + timeout);
      }
      sleep(Duration.ofMillis(20));
    }
  }

  private static void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
