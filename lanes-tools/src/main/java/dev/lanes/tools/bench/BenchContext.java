package dev.lanes.tools.bench;

import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.topics.LaneTopics;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicProvisioner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;

/** What every scenario gets: the cluster, where to print progress, and fresh lane topics. */
public record BenchContext(Map<String, Object> client, PrintStream out) {

  /** A lane of its own for one measurement, with its retry and dead-letter topics. */
  public LaneTopics freshLane(String prefix, int partitions) {
    String lane = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    LaneTopics topics =
        TopicCatalog.defaults()
            .withReplication((short) 1, 1)
            .withLane(lane, partitions, Duration.ofHours(1))
            .lane(lane);
    try (Admin admin = Admin.create(client)) {
      new TopicProvisioner(admin, Duration.ofSeconds(60)).provisionLanes(List.of(topics));
    }
    return topics;
  }

  /** Starts a runtime of one lane on the bench's cluster; close it to stop the lane. */
  public LanesRuntime start(HandlerRegistry handlers, LaneConfig lane) {
    return LanesRuntime.builder()
        .bootstrapServers(bootstrapServers())
        .handlers(handlers)
        .lane(lane)
        .build()
        .start();
  }

  /** Waits until {@code progress} reaches {@code target} or {@code timeout} passes. */
  static void awaitAtLeast(LongSupplier progress, long target, Duration timeout, long pollMillis) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (progress.getAsLong() < target && System.nanoTime() - deadline < 0) {
      pause(pollMillis);
    }
  }

  /** Sleeps the bench's own thread (never a worker); an interrupt aborts the scenario. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public String bootstrapServers() {
    return String.valueOf(client.get("bootstrap.servers"));
  }

  /** A progress line on the bench's output. */
  public void progress(String line) {
    out.println("bench: " + line);
  }
}
