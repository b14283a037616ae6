package dev.lanes.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The one source of truth for topic settings in Lanes, with names from {@link TopicNames}. Each
 * lane has a main topic, retry topics and a dead-letter topic. Other modules ask the catalog for a
 * lane's topics instead of building names themselves. Immutable: every {@code with*} method returns
 * a copy.
 */
public final class TopicCatalog {

  public static final String REALTIME = "realtime";
  public static final String BATCH = "batch";

  /** Retry topics of each lane unless {@link #withRetryTopics} says otherwise. */
  public static final int DEFAULT_RETRY_TOPICS = 3;

  // Production default: survives one broker loss while still accepting acks=all writes.
  private static final short DEFAULT_REPLICATION_FACTOR = 3;
  private static final int DEFAULT_MIN_INSYNC_REPLICAS = 2;

  private final List<LaneTopics> lanes;
  // Applied to lanes added later by withLane, so the order of with* calls does not matter.
  private final short replicationFactor;
  private final int minInsyncReplicas;

  private TopicCatalog(List<LaneTopics> lanes, short replicationFactor, int minInsyncReplicas) {
    this.lanes = List.copyOf(Objects.requireNonNull(lanes, "lanes"));
    if (this.lanes.isEmpty()) {
      throw new IllegalArgumentException("lanes must not be empty");
    }
    requireUniqueLanes(this.lanes);
    requireUniqueTopics(this.lanes);
    this.replicationFactor = replicationFactor;
    this.minInsyncReplicas = minInsyncReplicas;
  }

  /** The lanes every deployment has: {@code realtime} and {@code batch}. */
  public static TopicCatalog defaults() {
    return new TopicCatalog(
        List.of(
            defaultLane(REALTIME, 6, Duration.ofDays(1)),
            defaultLane(BATCH, 12, Duration.ofDays(7))),
        DEFAULT_REPLICATION_FACTOR,
        DEFAULT_MIN_INSYNC_REPLICAS);
  }

  /**
   * A catalog of custom lanes, taken as given. Lanes added later with {@link #withLane} get the
   * default replication unless {@link #withReplication} is called.
   */
  public static TopicCatalog of(List<LaneTopics> lanes) {
    return new TopicCatalog(lanes, DEFAULT_REPLICATION_FACTOR, DEFAULT_MIN_INSYNC_REPLICAS);
  }

  /** The naming rule for a lane's main topic, as {@link TopicNames#main} defines it. */
  public static String mainTopicName(String lane) {
    return TopicNames.main(lane);
  }

  /** A copy with this replication for every topic, e.g. {@code (1, 1)} for a one-node broker. */
  public TopicCatalog withReplication(short replicationFactor, int minInsyncReplicas) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be >= 1, was " + replicationFactor);
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "minInsyncReplicas must be 1..replicationFactor ("
              + replicationFactor
              + "), was "
              + minInsyncReplicas);
    }
    List<LaneTopics> changed = new ArrayList<>();
    for (LaneTopics lane : lanes) {
      changed.add(
          lane.withEachTopic(topic -> topic.withReplication(replicationFactor, minInsyncReplicas)));
    }
    return new TopicCatalog(changed, replicationFactor, minInsyncReplicas);
  }

  /** A copy where every topic of {@code lane} has {@code partitions} partitions. */
  public TopicCatalog withPartitions(String lane, int partitions) {
    return withLaneChanged(lane, existing -> existing.withPartitions(partitions));
  }

  /**
   * A copy where {@code lane} has {@code count} retry topics, derived from its main topic; 0 sends
   * failed tasks straight to the dead-letter topic.
   */
  public TopicCatalog withRetryTopics(String lane, int count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "count must be >= 0, was " + count + " (retry topics of lane " + lane + ")");
    }
    return withLaneChanged(
        lane,
        existing ->
            new LaneTopics(
                existing.lane(),
                existing.main(),
                FailureTopics.retries(failureBase(existing), count),
                existing.deadLetter()));
  }

  /**
   * A copy with one more lane, named by the default rule, with this catalog's replication and
   * {@link #DEFAULT_RETRY_TOPICS} retry topics.
   */
  public TopicCatalog withLane(String lane, int partitions, Duration retention) {
    List<LaneTopics> changed = new ArrayList<>(lanes);
    changed.add(laneTopics(lane, partitions, retention, replicationFactor, minInsyncReplicas));
    return new TopicCatalog(changed, replicationFactor, minInsyncReplicas);
  }

  /**
   * A copy with one more lane around a main topic named freely, e.g. an existing {@code orders}
   * topic: see {@link #laneAround}. The main topic's spec sets only {@code partitions} and this
   * catalog's replication factor, so an existing topic's own retention and configs are not drift;
   * its retry and dead-letter topics get this catalog's replication and {@code
   * min.insync.replicas}.
   */
  public TopicCatalog withLaneAround(String lane, String mainTopic, int partitions) {
    TopicSpec main = TopicSpec.of(mainTopic, partitions, replicationFactor);
    List<LaneTopics> changed = new ArrayList<>(lanes);
    changed.add(laneAround(lane, main, main.withReplication(replicationFactor, minInsyncReplicas)));
    return new TopicCatalog(changed, replicationFactor, minInsyncReplicas);
  }

  /**
   * The lane {@code lane} around the main topic {@code main}, whatever its name: {@link
   * #DEFAULT_RETRY_TOPICS} retry topics and a dead-letter topic named after it ({@code
   * orders.retry.1}, {@code orders.dlt}), with the main topic's partitions, replication and configs
   * and the settings every lane's failure topics have: records up to 2 MiB (a full-sized task plus
   * its failure headers), dead letters kept 14 days. Provision it with {@link
   * TopicProvisioner#provisionLanes}, run it with {@code LaneConfig.of(lane)}.
   */
  public static LaneTopics laneAround(String lane, TopicSpec main) {
    Objects.requireNonNull(main, "main");
    return laneAround(lane, main, main);
  }

  public LaneTopics lane(String name) {
    for (LaneTopics lane : lanes) {
      if (lane.lane().equals(name)) {
        return lane;
      }
    }
    throw new IllegalArgumentException(
        "unknown lane '" + name + "', known lanes: " + laneNames(lanes));
  }

  public List<LaneTopics> lanes() {
    return lanes;
  }

  /**
   * The fleet's compacted topics ({@link TopicNames#FLEET}, {@link TopicNames#DEPENDENCIES}) with
   * this catalog's replication; {@code lanes topics apply} creates them with the lanes' topics.
   */
  public List<TopicSpec> fleetTopics() {
    return FleetTopics.specs(replicationFactor, minInsyncReplicas);
  }

  /**
   * Every topic of every lane, in lane order; the fleet's topics are apart: {@link #fleetTopics}.
   */
  public List<TopicSpec> allTopics() {
    List<TopicSpec> topics = new ArrayList<>();
    for (LaneTopics lane : lanes) {
      topics.addAll(lane.allTopics());
    }
    return List.copyOf(topics);
  }

  @Override
  public String toString() {
    return "TopicCatalog" + allTopics();
  }

  private TopicCatalog withLaneChanged(String lane, UnaryOperator<LaneTopics> change) {
    LaneTopics existing = lane(lane);
    List<LaneTopics> changed = new ArrayList<>();
    for (LaneTopics each : lanes) {
      changed.add(each == existing ? change.apply(each) : each);
    }
    return new TopicCatalog(changed, replicationFactor, minInsyncReplicas);
  }

  // Failure topics derive from `base`: the main topic's spec plus what only they should set.
  private static LaneTopics laneAround(String lane, TopicSpec main, TopicSpec base) {
    return new LaneTopics(
        lane,
        main,
        FailureTopics.retries(base, DEFAULT_RETRY_TOPICS),
        FailureTopics.deadLetter(base));
  }

  private static LaneTopics defaultLane(String lane, int partitions, Duration retention) {
    return laneTopics(
        lane, partitions, retention, DEFAULT_REPLICATION_FACTOR, DEFAULT_MIN_INSYNC_REPLICAS);
  }

  private static LaneTopics laneTopics(
      String lane,
      int partitions,
      Duration retention,
      short replicationFactor,
      int minInsyncReplicas) {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "retention must be positive, was " + retention + " (lane " + lane + ")");
    }
    TopicSpec main =
        TopicSpec.of(mainTopicName(lane), partitions, replicationFactor)
            .withReplication(replicationFactor, minInsyncReplicas)
            .withConfig(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
            .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    return laneAround(lane, main, main);
  }

  // A lane around a foreign main topic leaves min.insync.replicas out of the main topic's spec;
  // its dead-letter topic still carries the lane's, and new retry topics must too.
  private static TopicSpec failureBase(LaneTopics lane) {
    TopicSpec main = lane.main();
    return lane.deadLetter()
        .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
        .map(
            minInsync ->
                main.withReplication(main.replicationFactor(), Integer.parseInt(minInsync)))
        .orElse(main);
  }

  private static void requireUniqueLanes(List<LaneTopics> lanes) {
    Set<String> seen = new HashSet<>();
    for (LaneTopics lane : lanes) {
      if (!seen.add(lane.lane())) {
        throw new IllegalArgumentException(
            "lane names must be unique, '" + lane.lane() + "' appears twice");
      }
    }
  }

  // Kafka refuses topics whose names differ only in '.' versus '_': their metric names collide.
  private static void requireUniqueTopics(List<LaneTopics> lanes) {
    Map<String, TopicOwner> ownerByMetricName = new HashMap<>();
    for (LaneTopics lane : lanes) {
      for (TopicSpec topic : lane.allTopics()) {
        TopicOwner owner = new TopicOwner(topic.name(), lane.lane());
        TopicOwner clash = ownerByMetricName.putIfAbsent(topic.name().replace('.', '_'), owner);
        if (clash != null) {
          throw new IllegalArgumentException(
              "topic names must be unique, "
                  + owner
                  + " clashes with "
                  + clash
                  + (clash.topic().equals(owner.topic()) ? "" : ": '.' and '_' collide in Kafka"));
        }
      }
    }
  }

  private record TopicOwner(String topic, String lane) {
    @Override
    public String toString() {
      return "'" + topic + "' (lane " + lane + ")";
    }
  }

  private static List<String> laneNames(List<LaneTopics> lanes) {
    return lanes.stream().map(LaneTopics::lane).toList();
  }
}
