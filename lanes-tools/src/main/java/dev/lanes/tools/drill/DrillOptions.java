package dev.lanes.tools.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lanes drill} was asked to do, checked before anything starts: each bad value is
 * refused naming its option and the value.
 *
 * @param duration how long each fault lasts before it is repaired
 * @param steady how long the steady load lasts before the fault, and at least after the repair
 * @param workersPerZone {@code lanes run} processes in each zone
 * @param rate realtime tasks produced per second, steadily
 * @param backlog batch tasks produced at the start of each scenario
 * @param config the user's lanes.yaml for the workers, instead of the drill's
 * @param bootstrapServer the user's cluster, instead of one the drill starts
 * @param keepDir keep the logs even when every scenario passed
 */
record DrillOptions(
    List<DrillScenario> scenarios,
    Duration duration,
    Duration steady,
    int workersPerZone,
    int rate,
    int backlog,
    Optional<Path> config,
    Optional<String> bootstrapServer,
    boolean keepDir) {

  static final Duration MIN_DURATION = Duration.ofSeconds(5);
  static final Duration MAX_DURATION = Duration.ofHours(1);
  // A p99 of a realtime rate needs some seconds of tasks; a recovery window is 10 s.
  static final Duration MIN_STEADY = Duration.ofSeconds(10);
  static final int MAX_WORKERS_PER_ZONE = 4;
  static final int MAX_RATE = 5_000;
  static final int MAX_BACKLOG = 1_000_000;

  DrillOptions {
    scenarios = List.copyOf(scenarios);
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--duration must be between 5s and 1h, was " + duration.toMillis() + "ms");
    }
    if (steady.compareTo(MIN_STEADY) < 0 || steady.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--steady must be between 10s and 1h, was " + steady.toMillis() + "ms");
    }
    if (workersPerZone < 1 || workersPerZone > MAX_WORKERS_PER_ZONE) {
      throw new IllegalArgumentException(
          "--workers-per-zone must be between 1 and "
              + MAX_WORKERS_PER_ZONE
              + ", was "
              + workersPerZone);
    }
    if (rate < 1 || rate > MAX_RATE) {
      throw new IllegalArgumentException(
          "--rate must be between 1 and " + MAX_RATE + " tasks a second, was " + rate);
    }
    if (backlog < 0 || backlog > MAX_BACKLOG) {
      throw new IllegalArgumentException(
          "--backlog must be between 0 and " + MAX_BACKLOG + ", was " + backlog);
    }
    bootstrapServer = bootstrapServer.filter(servers -> !servers.isBlank());
  }

  /**
   * The chosen scenarios that stop, kill or freeze a broker, which a drill only does to a cluster
   * it started: none unless {@code --bootstrap-server} is given.
   */
  List<DrillScenario> refusedOnUserCluster() {
    if (bootstrapServer.isEmpty()) {
      return List.of();
    }
    return scenarios.stream().filter(DrillScenario::touchesBrokers).toList();
  }
}
