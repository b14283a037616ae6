package dev.lanes.app;

import dev.lanes.LaneConfig;
import dev.lanes.OrderingMode;
import dev.lanes.topics.TopicCatalog;
import java.util.List;

/** The default lanes a worker process runs, sized for their kind of work. */
final class AppLanes {

  private AppLanes() {}

  static List<LaneConfig> defaults(TopicCatalog catalog) {
    // Realtime: short tasks that must not wait; keyed so one user's tasks stay in order.
    LaneConfig realtime =
        LaneConfig.of(catalog.lane(TopicCatalog.REALTIME))
            .withConcurrency(4)
            .withMaxInFlight(200, 100)
            .withOrdering(OrderingMode.KEY);
    // Batch: slower tasks, more of them in flight; a flood here never reaches realtime's threads.
    LaneConfig batch =
        LaneConfig.of(catalog.lane(TopicCatalog.BATCH))
            .withConcurrency(8)
            .withMaxInFlight(5000, 2000)
            .withOrdering(OrderingMode.KEY);
    return List.of(realtime, batch);
  }
}
