package dev.lanes.tools.bench;

import dev.lanes.topics.LaneTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code memory}: a backlog of records of about {@link #RECORD_BYTES} each, drained by a {@code
 * lanes run} worker in a JVM of its own (no-op handler, default lane settings), whose used heap is
 * read from its metrics endpoint every {@link #SAMPLE_EVERY}. The broker and the producer stay in
 * the bench's JVM, out of the figure.
 *
 * <p>The backlog is drained twice by the same worker: once with the JVM's default heap, which shows
 * what the worker uses when nothing holds it back (young collections wait for a large eden, so the
 * peak says more about the collector than about the worker), and once capped at {@link #CAP_MB} MB,
 * which shows whether the worker fits the target at all and how fast it drains there.
 */
final class MemoryScenario {

  static final int RECORD_BYTES = 1024;
  static final int CAP_MB = 256;
  private static final int MAX_RECORDS = 1_000_000;
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);
  private static final int MAX_MISSED_READINGS = 20;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final long MB = 1024 * 1024;

  private MemoryScenario() {}

  /** What one drain by one worker JVM showed. */
  record Drain(long peakHeapBytes, long peakLiveBytes, long drained, double seconds, int exit) {

    boolean completed(int count) {
      return drained >= count && exit == 0;
    }
  }

  static Map<String, Object> run(BenchContext bench, int records) {
    int count = Math.min(records, MAX_RECORDS);
    LaneTopics lane = bench.freshLane("bench-memory", 6);
    BenchRecords.produce(bench, lane.main().name(), "noop", count, RECORD_BYTES);
    Path config = writeConfig(lane.lane());
    Drain unbounded = drain(bench, config, List.of(), count);
    forgetOffsets(bench, "lanes." + lane.lane());
    // Exit at once on OutOfMemoryError: a worker that does not fit stops the run, not stalls it.
    Drain capped =
        drain(bench, config, List.of("-Xmx" + CAP_MB + "m", "-XX:+ExitOnOutOfMemoryError"), count);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("peak_heap_mb", unbounded.peakHeapBytes() / MB);
    result.put("peak_live_after_gc_mb", unbounded.peakLiveBytes() / MB);
    result.put("records", unbounded.drained());
    result.put("drain_s", round(unbounded.seconds()));
    result.put("capped_xmx_mb", CAP_MB);
    result.put("capped_completed", capped.completed(count));
    result.put("capped_peak_heap_mb", capped.peakHeapBytes() / MB);
    result.put("capped_records", capped.drained());
    result.put("capped_drain_s", round(capped.seconds()));
    return result;
  }

  /** Starts a worker, samples its heap until it finished {@code count} tasks, then stops it. */
  private static Drain drain(BenchContext bench, Path config, List<String> jvm, int count) {
    long start = System.nanoTime();
    long deadline = start + TIMEOUT.toNanos();
    long peakHeap = 0;
    long peakLive = 0;
    long drained = 0;
    try (WorkerProcess worker = WorkerProcess.start(bench, config, jvm)) {
      WorkerMetrics metrics = new WorkerMetrics(worker.port());
      int missed = 0;
      while (drained < count && worker.isAlive() && System.nanoTime() - deadline < 0) {
        BenchContext.pause(SAMPLE_EVERY.toMillis());
        WorkerMetrics.Reading reading;
        try {
          reading = metrics.read();
          missed = 0;
        } catch (IllegalStateException e) {
          // A busy worker on a busy machine may miss a reading; one that keeps missing is broken,
          // and one that died (out of memory, say) is reported by awaitExit.
          if (worker.isAlive() && ++missed >= MAX_MISSED_READINGS) {
            throw e;
          }
          continue;
        }
        peakHeap = Math.max(peakHeap, reading.heapUsedBytes());
        peakLive = Math.max(peakLive, reading.liveAfterGcBytes());
        drained = reading.succeeded();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int exit = worker.awaitExit(Duration.ofMinutes(1));
      bench.progress(
          String.format(
              "memory: worker %s drained %d of %d records in %.1f s (JVM start included), peak"
                  + " used heap %d MB, peak live after GC %d MB, exit %d",
              jvm.isEmpty() ? "(default heap)" : String.join(" ", jvm),
              drained,
              count,
              seconds,
              peakHeap / MB,
              peakLive / MB,
              exit));
      return new Drain(peakHeap, peakLive, drained, seconds, exit);
    }
  }

  /** The lane as {@code lanes run} reads it: the bench's topics, default settings otherwise. */
  private static Path writeConfig(String lane) {
    String yaml =
        """
        topics:
          replication-factor: 1
          min-insync-replicas: 1
        lanes:
          %s:
            partitions: 6
            retention: 1h
        """
            .formatted(lane);
    try {
      Path file = Files.createTempFile("lanes-bench-memory-", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the (now empty) group, so the next worker reads the backlog from the start again. */
  private static void forgetOffsets(BenchContext bench, String groupId) {
    try (Admin admin = Admin.create(bench.client())) {
      admin.deleteConsumerGroups(List.of(groupId)).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot delete the bench group " + groupId + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
