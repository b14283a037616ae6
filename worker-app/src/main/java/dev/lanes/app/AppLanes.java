package dev.lanes.app;

import dev.lanes.Backoff;
import dev.lanes.LaneConfig;
import dev.lanes.OrderingMode;
import dev.lanes.RetryPolicy;
import dev.lanes.topics.TopicCatalog;
import java.time.Duration;
import java.util.List;

/** The default lanes a worker process runs, sized for their kind of work. */
final class AppLanes {

  private AppLanes() {}

  /** The catalog with as many retry topics per lane as the lanes' retry policies use. */
  static TopicCatalog withRetryTopics(TopicCatalog catalog, List<LaneConfig> lanes) {
    TopicCatalog sized = catalog;
    for (LaneConfig lane : lanes) {
      sized = sized.withRetryTopics(lane.name(), lane.retry().retryTopicCount());
    }
    return sized;
  }

  static List<LaneConfig> defaults(TopicCatalog catalog) {
    // Realtime: short tasks that must not wait; keyed so one user's tasks stay in order.
    LaneConfig realtime =
        LaneConfig.of(catalog.lane(TopicCatalog.REALTIME))
            .withConcurrency(4)
            .withMaxInFlight(200, 100)
            .withOrdering(OrderingMode.KEY)
            // Quick retries: a realtime task that waits minutes is no longer realtime.
            .withRetry(
                RetryPolicy.of(
                    4, Backoff.exponential(Duration.ofMillis(200), 5, Duration.ofSeconds(5))));
    // Batch: slower tasks, more of them in flight; a flood here never reaches realtime's threads.
    LaneConfig batch =
        LaneConfig.of(catalog.lane(TopicCatalog.BATCH))
            .withConcurrency(8)
            .withMaxInFlight(5000, 2000)
            .withOrdering(OrderingMode.KEY)
            // Retries after 0.5 s, 2 s and 8 s: long enough for a blip to pass, short enough for
            // the demo to show it; a deployment tunes this to its dependencies.
            .withRetry(
                RetryPolicy.of(
                    4, Backoff.exponential(Duration.ofMillis(500), 4, Duration.ofSeconds(8))));
    return List.of(realtime, batch);
  }
}
