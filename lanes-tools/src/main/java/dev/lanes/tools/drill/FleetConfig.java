package dev.lanes.tools.drill;

import dev.lanes.app.config.ConfigException;
import dev.lanes.app.config.LaneSettings;
import dev.lanes.app.config.LanesConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The {@code lanes.yaml} a drill's workers run: the drill's own (two lanes, {@code realtime} and
 * {@code batch}, 6 partitions each, 3 replicas with 2 in sync, a 10 s session timeout, the {@code
 * http} dependency behind a fleet breaker), or the user's, which must define both lanes.
 *
 * <p>On a cluster the drill did not start the lanes are renamed {@code drill-realtime} and {@code
 * drill-batch} and the {@code http} breaker is per process: the drill's tasks, groups and 503s then
 * stay out of the user's own {@code realtime} and {@code batch} lanes and their shared breaker.
 *
 * @param file where the config was written, for {@code lanes run --config}
 * @param realtime the lane the steady tasks go to
 * @param batch the lane the backlog goes to
 */
record FleetConfig(Path file, DrillLane realtime, DrillLane batch) {

  static final String REALTIME = "realtime";
  static final String BATCH = "batch";
  static final String USER_CLUSTER_PREFIX = "drill-";

  private static final String FILE_NAME = "drill-lanes.yaml";

  /**
   * Checks that the user's {@code file} is a valid config that defines both drill lanes; the
   * message names the file and what is wrong or missing.
   */
  static LanesConfig check(Path file) {
    LanesConfig config;
    try {
      config = LanesConfig.load(file);
    } catch (ConfigException e) {
      // The message starts with the file's name.
      throw new IllegalArgumentException("--config: " + e.getMessage(), e);
    }
    List<String> missing = new ArrayList<>();
    for (String lane : List.of(REALTIME, BATCH)) {
      if (!config.laneNames().contains(lane)) {
        missing.add(lane);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--config "
              + file
              + " must define the lanes realtime and batch (the drill produces to both); missing: "
              + String.join(", ", missing)
              + " (configured: "
              + String.join(", ", config.laneNames())
              + ")");
    }
    return config;
  }

  /** Writes the workers' config into {@code dir}: the user's {@code userFile} or the drill's. */
  static FleetConfig write(Path dir, Optional<Path> userFile, boolean userCluster) {
    String prefix = userCluster ? USER_CLUSTER_PREFIX : "";
    String yaml =
        userFile.isPresent()
            ? adapted(userFile.get(), prefix, userCluster)
            : drillConfig(prefix, !userCluster);
    Path file = dir.resolve(FILE_NAME);
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    LanesConfig config = LanesConfig.load(file);
    return new FleetConfig(
        file, laneOf(config.lane(prefix + REALTIME)), laneOf(config.lane(prefix + BATCH)));
  }

  // Only the fields the committed-offset checker reads matter: name, partitions and attempts.
  private static DrillLane laneOf(LaneSettings lane) {
    return new DrillLane(
        lane.name(), lane.partitions(), lane.threads(), lane.retry().maxAttempts(), 0, 1, 1, true);
  }

  private static String drillConfig(String prefix, boolean sharedBreaker) {
    return """
        kafka:
          properties:
            # A worker killed with SIGKILL keeps its partitions until the group gives up on it:
            # 45 s by default. Drills kill often, so they wait 10 s instead.
            session.timeout.ms: 10000
            heartbeat.interval.ms: 1000
        topics:
          replication-factor: 3
          min-insync-replicas: 2
        lanes:
          %1$srealtime:
            partitions: 6
            retention: 1h
            threads: 8
            retry:
              max-attempts: 3
              initial-delay: 500ms
              multiplier: 1
              max-delay: 500ms
              jitter: none
          %1$sbatch:
            partitions: 6
            retention: 1h
            threads: 8
            retry:
              max-attempts: 3
              initial-delay: 500ms
              multiplier: 1
              max-delay: 500ms
              jitter: none
        dependencies:
          http:
            breaker:
              failures: 5
              delay: 2s
            shared: %2$s
        """
        .formatted(prefix, sharedBreaker);
  }

  /**
   * The user's config with its lanes renamed by {@code prefix} and, on the user's cluster, the
   * {@code http} breaker kept to each process.
   */
  @SuppressWarnings("unchecked")
  private static String adapted(Path userFile, String prefix, boolean perProcessBreaker) {
    Map<String, Object> root;
    try {
      root = new Yaml().load(Files.readString(userFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + userFile, e);
    }
    Map<String, Object> lanes = new LinkedHashMap<>();
    ((Map<String, Object>) root.get("lanes"))
        .forEach(
            (name, lane) -> {
              if (name.equals(REALTIME) || name.equals(BATCH)) {
                lanes.put(prefix + name, lane);
              }
            });
    root.put("lanes", lanes);
    if (perProcessBreaker) {
      Map<String, Object> dependencies =
          (Map<String, Object>) root.computeIfAbsent("dependencies", key -> new LinkedHashMap<>());
      Object http = dependencies.get(LanesConfig.HTTP_DEPENDENCY);
      Map<String, Object> policy =
          http instanceof Map<?, ?> map
              ? new LinkedHashMap<>((Map<String, Object>) map)
              : new LinkedHashMap<>();
      policy.put("shared", false);
      dependencies.put(LanesConfig.HTTP_DEPENDENCY, policy);
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(root);
  }
}
