package dev.lanes.tools;

import java.time.Duration;

/**
 * The demo's options.
 *
 * @param tasksPerLane tasks produced to each lane before the outage
 * @param bootstrapServers an external cluster, or null for the local embedded broker
 * @param outage how long the fake dependency fails
 */
record DemoOptions(int tasksPerLane, String bootstrapServers, Duration outage) {

  static final int DEFAULT_TASKS_PER_LANE = 300;
  static final int DEFAULT_OUTAGE_SECONDS = 10;

  DemoOptions {
    if (tasksPerLane < 1 || tasksPerLane > 1_000_000) {
      throw new IllegalArgumentException(
          "--tasks must be between 1 and 1000000, was " + tasksPerLane);
    }
    if (outage.isNegative() || outage.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "--outage-seconds must be between 0 and 600, was " + outage.toSeconds());
    }
  }
}
