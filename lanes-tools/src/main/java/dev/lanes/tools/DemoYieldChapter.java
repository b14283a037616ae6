package dev.lanes.tools;

import dev.lanes.MetricNames;
import dev.lanes.topics.TopicCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The demo's chapter on lanes that yield: a burst of CPU-bound batch work lands while realtime
 * work, CPU-bound too, keeps arriving. Realtime's waits pass its objective (tightened to 1 s),
 * batch shrinks step by step, and once realtime holds its objective again batch grows back. The
 * YieldController's own log lines tell it; this class only makes the load and waits for the end.
 */
final class DemoYieldChapter {

  // Sized for 2 cores: 10 CPU-seconds of batch work on 8 threads, and a realtime burst of 3
  // CPU-seconds that, sharing the cores with batch, cannot all start within 1 s (measured: up to
  // 2 s, where 2 s was too close to the default objective to show a yield every time).
  static final int BATCH_TASKS = 1_000;
  static final Duration REALTIME_MAX_WAIT = Duration.ofSeconds(1);
  static final int REALTIME_BURST = 300;
  private static final int BURN_MILLIS = 10;
  private static final int TRICKLE_BURN_MILLIS = 2;
  private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(50);
  // Long enough for the controller's windows: 3 steps down, 5 s of holding, 3 steps up.
  private static final Duration MAX_CHAPTER = Duration.ofSeconds(45);

  private final MeterRegistry registry;
  private final DemoNarrator narrator;
  private final int batchThreads;

  DemoYieldChapter(MeterRegistry registry, DemoNarrator narrator, int batchThreads) {
    this.registry = registry;
    this.narrator = narrator;
    this.batchThreads = batchThreads;
  }

  /**
   * Runs the chapter, adding what it produced to {@code produced}. Returns true when batch yielded
   * and grew back to its threads.
   */
  boolean run(
      KafkaConnection kafka,
      String realtimeTopic,
      String batchTopic,
      Map<String, Integer> produced) {
    narrator.say(
        String.format(
            "CPU-bound burst: %d batch tasks of %d ms CPU each on batch's %d threads, while %d"
                + " realtime tasks of %d ms CPU arrive at once and more keep coming (realtime's"
                + " objective here: start within %d s)",
            BATCH_TASKS,
            BURN_MILLIS,
            batchThreads,
            REALTIME_BURST,
            BURN_MILLIS,
            REALTIME_MAX_WAIT.toSeconds()));
    DemoWorkload workload = new DemoWorkload();
    int realtimeSent = REALTIME_BURST;
    boolean recovered;
    try (TaskProducer producer = new TaskProducer(kafka.bootstrapServers())) {
      List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
      for (int i = 0; i < BATCH_TASKS; i++) {
        batch.add(workload.record(batchTopic, null, DemoWorkload.burnTask(BURN_MILLIS)));
      }
      producer.sendAll(batch);
      List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
      for (int i = 0; i < REALTIME_BURST; i++) {
        burst.add(
            workload.record(realtimeTopic, "user-" + i % 20, DemoWorkload.burnTask(BURN_MILLIS)));
      }
      producer.sendAll(burst);
      long end = System.nanoTime() + MAX_CHAPTER.toNanos();
      boolean yielded = false;
      recovered = false;
      while (!recovered && System.nanoTime() - end < 0) {
        producer.sendAll(
            List.of(
                workload.record(
                    realtimeTopic,
                    "user-" + realtimeSent % 20,
                    DemoWorkload.burnTask(TRICKLE_BURN_MILLIS))));
        realtimeSent++;
        yielded |= batchLimit() < batchThreads;
        recovered = yielded && batchLimit() >= batchThreads;
        pause(TRICKLE_INTERVAL);
      }
    }
    produced.merge(TopicCatalog.BATCH, BATCH_TASKS, Integer::sum);
    produced.merge(TopicCatalog.REALTIME, realtimeSent, Integer::sum);
    narrator.say(
        (recovered
                ? "batch is back at all its threads: it gave realtime the CPU only while realtime"
                    + " needed it"
                : "batch did not yield and grow back within " + MAX_CHAPTER.toSeconds() + " s")
            + String.format(
                Locale.ROOT, "; realtime tasks waited up to %.1f s to start", realtimeMaxWait()));
    return recovered;
  }

  private double realtimeMaxWait() {
    TimeGauge longest =
        registry
            .find(MetricNames.TASK_WAIT_MAX)
            .tag(MetricNames.TAG_LANE, TopicCatalog.REALTIME)
            .timeGauge();
    return longest == null ? 0 : longest.value(TimeUnit.SECONDS);
  }

  private double batchLimit() {
    Gauge limit =
        registry
            .find(MetricNames.LANE_CONCURRENCY_LIMIT)
            .tag(MetricNames.TAG_LANE, TopicCatalog.BATCH)
            .gauge();
    // No gauge when yielding is off: then batch never yields.
    return limit == null ? batchThreads : limit.value();
  }

  private static void pause(Duration duration) {
    try {
      TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
