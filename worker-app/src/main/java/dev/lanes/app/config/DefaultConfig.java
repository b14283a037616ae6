package dev.lanes.app.config;

import dev.lanes.Backoff;
import dev.lanes.DependencyPolicy;
import dev.lanes.OrderingMode;
import dev.lanes.RetryPolicy;
import dev.lanes.topics.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a worker runs without a config file; {@code lanes.example.yaml} spells its lanes out. */
final class DefaultConfig {

  private DefaultConfig() {}

  static LanesConfig create() {
    // Realtime: short tasks that must not wait; keyed so one user's tasks stay in order. Quick
    // retries: a realtime task that waits minutes is no longer realtime.
    LaneSettings realtime =
        new LaneSettings(
            TopicCatalog.REALTIME,
            6,
            Duration.ofDays(1),
            4,
            200,
            100,
            OrderingMode.KEY,
            RetryPolicy.of(
                4, Backoff.exponential(Duration.ofMillis(200), 5, Duration.ofSeconds(5))));
    // Batch: slower tasks, more of them in flight; a flood here never reaches realtime's threads.
    // Retries after 0.5 s, 2 s and 8 s: long enough for a blip to pass.
    LaneSettings batch =
        new LaneSettings(
            TopicCatalog.BATCH,
            12,
            Duration.ofDays(7),
            8,
            5000,
            2000,
            OrderingMode.KEY,
            RetryPolicy.of(
                4, Backoff.exponential(Duration.ofMillis(500), 4, Duration.ofSeconds(8))));
    return new LanesConfig(
        KafkaSettings.none(),
        8080,
        3,
        2,
        List.of(realtime, batch),
        Map.of(LanesConfig.HTTP_DEPENDENCY, DependencyPolicy.defaults()),
        LanesConfig.DEFAULT_FLEET_INTERVAL);
  }
}
