package dev.lanes.app;

/**
 * The demo's command-line options.
 *
 * @param tasksPerLane tasks produced to each lane
 * @param bootstrapServers an external cluster, or null for the local embedded broker
 * @param help whether usage was asked for
 */
record DemoOptions(int tasksPerLane, String bootstrapServers, boolean help) {

  static final int DEFAULT_TASKS_PER_LANE = 300;

  DemoOptions {
    if (tasksPerLane < 1 || tasksPerLane > 1_000_000) {
      throw new IllegalArgumentException(
          "--tasks must be between 1 and 1000000, was " + tasksPerLane);
    }
  }
}
