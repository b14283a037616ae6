package dev.lanes.app.config;

import dev.lanes.DependencyPolicy;
import dev.lanes.LaneConfig;
import dev.lanes.topics.LaneTopics;
import dev.lanes.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration of a worker process: Kafka, HTTP port, topic replication, lanes and
 * dependencies. Immutable and valid by construction. Built from {@link #defaults()} or one YAML
 * file ({@link #load}), then {@link #withEnvironment environment overrides}, then flags ({@code
 * with*}); later sources win.
 *
 * <p>A section missing from the file keeps its defaults; a section present replaces them whole. So
 * a file that lists only the {@code realtime} lane runs only realtime, and a file with a {@code
 * dependencies} section has exactly the dependencies it lists.
 *
 * <p>{@link #toString()} masks secrets ({@link KafkaSettings} does), so a config may be logged.
 *
 * @param kafka how to reach Kafka
 * @param httpPort the port of the HTTP endpoints; 0 picks a free one
 * @param replicationFactor replicas of every topic
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic
 * @param lanes the lanes this process runs, in file order
 * @param dependencies the dependencies handlers may call, by name
 * @param fleetInterval how often each worker publishes its state on {@code lanes.fleet}; a report
 *     three intervals old is a worker that is gone
 */
public record LanesConfig(
    KafkaSettings kafka,
    int httpPort,
    int replicationFactor,
    int minInsyncReplicas,
    List<LaneSettings> lanes,
    Map<String, DependencyPolicy> dependencies,
    Duration fleetInterval) {

  /** The default of {@link #fleetInterval()}. */
  public static final Duration DEFAULT_FLEET_INTERVAL = Duration.ofSeconds(5);

  // A worker publishes at most one report per this much after a change: a shorter interval would
  // only publish more often than that.
  static final Duration MIN_FLEET_INTERVAL = Duration.ofMillis(200);

  /** The dependency the built-in {@code http} diagnostic task calls unless told otherwise. */
  public static final String HTTP_DEPENDENCY = "http";

  /** The variable {@code lanes run} takes its worker id from; the config accepts and skips it. */
  public static final String WORKER_ID_VARIABLE = EnvironmentOverrides.WORKER_ID;

  public LanesConfig {
    Objects.requireNonNull(kafka, "kafka");
    if (fleetInterval == null || fleetInterval.compareTo(MIN_FLEET_INTERVAL) < 0) {
      throw new ConfigException(
          "fleet.interval must be >= "
              + DurationFormat.format(MIN_FLEET_INTERVAL)
              + ", was "
              + (fleetInterval == null ? null : DurationFormat.format(fleetInterval)));
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new ConfigException("http.port must be 0..65535 (0: any free port), was " + httpPort);
    }
    if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
      throw new ConfigException(
          "topics.replication-factor must be 1.." + Short.MAX_VALUE + ", was " + replicationFactor);
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new ConfigException(
          "topics.min-insync-replicas must be 1..replication-factor ("
              + replicationFactor
              + "), was "
              + minInsyncReplicas);
    }
    lanes = List.copyOf(lanes);
    if (lanes.isEmpty()) {
      throw new ConfigException("lanes must list at least one lane");
    }
    Set<String> names = new HashSet<>();
    lanes.forEach(
        lane -> {
          if (!names.add(lane.name())) {
            throw new ConfigException("lanes." + lane.name() + " appears twice");
          }
        });
    dependencies = copyOf(dependencies);
  }

  /**
   * What a worker runs without a config file: the realtime and batch lanes, sized for their kind of
   * work, and the {@code http} dependency.
   */
  public static LanesConfig defaults() {
    return DefaultConfig.create();
  }

  /** The config in {@code file}; problems name the file and the key. */
  public static LanesConfig load(Path file) {
    return ConfigFile.load(file);
  }

  /** The config in {@code yaml}; {@code source} names it in error messages. */
  public static LanesConfig fromYaml(String yaml, String source) {
    return ConfigFile.parse(yaml, source);
  }

  /**
   * What a process runs: {@code file} (or the defaults without one), then the {@code LANES_*}
   * variables of {@code environment}. Flags come after, through the {@code with*} methods.
   */
  public static LanesConfig resolve(Optional<Path> file, Map<String, String> environment) {
    return file.map(LanesConfig::load)
        .orElseGet(LanesConfig::defaults)
        .withEnvironment(environment);
  }

  /** A copy with the {@code LANES_*} variables of {@code environment} applied. */
  public LanesConfig withEnvironment(Map<String, String> environment) {
    return EnvironmentOverrides.apply(this, environment);
  }

  public LanesConfig withBootstrapServers(String servers) {
    return withKafka(kafka.withBootstrapServers(servers));
  }

  public LanesConfig withKafkaProperty(String key, String value) {
    return withKafka(kafka.withProperty(key, value));
  }

  public LanesConfig withHttpPort(int port) {
    return new LanesConfig(
        kafka, port, replicationFactor, minInsyncReplicas, lanes, dependencies, fleetInterval);
  }

  /** A copy where lane {@code lane} has {@code threads} worker threads. */
  public LanesConfig withThreads(String lane, int threads) {
    LaneSettings changed = lane(lane).withThreads(threads);
    List<LaneSettings> all = new ArrayList<>();
    lanes.forEach(each -> all.add(each.name().equals(lane) ? changed : each));
    return new LanesConfig(
        kafka, httpPort, replicationFactor, minInsyncReplicas, all, dependencies, fleetInterval);
  }

  /**
   * A copy that runs (and provisions) only the lanes named in {@code names}, in this config's
   * order; naming a lane the config does not define is an error.
   */
  public LanesConfig withOnlyLanes(List<String> names) {
    names.forEach(this::lane);
    List<LaneSettings> kept = lanes.stream().filter(lane -> names.contains(lane.name())).toList();
    return new LanesConfig(
        kafka, httpPort, replicationFactor, minInsyncReplicas, kept, dependencies, fleetInterval);
  }

  public LaneSettings lane(String name) {
    return lanes.stream()
        .filter(lane -> lane.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new ConfigException(
                    "no lane '" + name + "' is configured (configured: " + laneNames() + ")"));
  }

  public List<String> laneNames() {
    return lanes.stream().map(LaneSettings::name).toList();
  }

  public Optional<String> bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Properties for every Kafka client, secrets included: pass them on, never print them. */
  public Map<String, Object> kafkaProperties() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(kafka.properties()));
  }

  /**
   * The topics of every lane, with this config's partitions, retention and replication, and as many
   * retry topics per lane as its retry policy uses.
   */
  public TopicCatalog catalog() {
    List<LaneTopics> topics = lanes.stream().map(LanesConfig::topicsOf).toList();
    TopicCatalog catalog =
        TopicCatalog.of(topics).withReplication((short) replicationFactor, minInsyncReplicas);
    for (LaneSettings lane : lanes) {
      catalog = catalog.withRetryTopics(lane.name(), lane.retry().retryTopicCount());
    }
    return catalog;
  }

  /** Each lane over its topics in {@code catalog}, which must hold every lane of this config. */
  public List<LaneConfig> laneConfigs(TopicCatalog catalog) {
    return lanes.stream().map(lane -> lane.toLaneConfig(catalog.lane(lane.name()))).toList();
  }

  /** The effective config as YAML in the file's format, secrets shown as {@code ******}. */
  public String render() {
    return ConfigPrinter.render(this);
  }

  private LanesConfig withKafka(KafkaSettings changed) {
    return new LanesConfig(
        changed,
        httpPort,
        replicationFactor,
        minInsyncReplicas,
        lanes,
        dependencies,
        fleetInterval);
  }

  // The catalog owns a lane's topic settings (retention, cleanup, failure topics) but can only add
  // a lane to a catalog that has one: add it next to a default lane of another name, take it out.
  private static LaneTopics topicsOf(LaneSettings lane) {
    String other =
        lane.name().equals(TopicCatalog.REALTIME) ? TopicCatalog.BATCH : TopicCatalog.REALTIME;
    return TopicCatalog.of(List.of(TopicCatalog.defaults().lane(other)))
        .withLane(lane.name(), lane.partitions(), lane.retention())
        .lane(lane.name());
  }

  // Dependency names follow the lane rule: both end up in metric tags and log lines.
  private static Map<String, DependencyPolicy> copyOf(Map<String, DependencyPolicy> dependencies) {
    Map<String, DependencyPolicy> copy = new LinkedHashMap<>();
    dependencies.forEach(
        (name, policy) -> {
          if (name == null || !LaneSettings.NAME.matcher(name).matches()) {
            throw new ConfigException(
                "dependencies."
                    + name
                    + ": dependency name must match "
                    + LaneSettings.NAME.pattern()
                    + ", was '"
                    + name
                    + "'");
          }
          copy.put(name, Objects.requireNonNull(policy, () -> "dependencies." + name));
        });
    return Collections.unmodifiableMap(copy);
  }
}
