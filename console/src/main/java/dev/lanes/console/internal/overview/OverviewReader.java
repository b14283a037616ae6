package dev.lanes.console.internal.overview;

import dev.lanes.LaneConfig;
import dev.lanes.app.status.FleetState;
import dev.lanes.app.status.FleetSurvey;
import dev.lanes.app.status.FleetTopicReader;
import dev.lanes.app.status.LagProbe;
import dev.lanes.app.status.LaneLag;
import dev.lanes.topics.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the overview from Kafka: the fleet topics (when a worker ever reported), each lane's lag
 * through {@code lanes status}'s {@link FleetSurvey}, and the per-minute series through {@link
 * MinuteOffsets}. Every call is bounded by the timeout; a failure is an {@link
 * IllegalStateException} or a Kafka exception with what could not be read. Not thread-safe.
 */
final class OverviewReader implements AutoCloseable {

  private final Map<String, Object> client;
  private final List<LaneConfig> catalogLanes;
  private final Duration timeout;
  // Made at the first read, not at start: a bootstrap address the client refuses (or cannot
  // resolve) then shows on the page like a broker that is down, instead of stopping the console.
  private Admin admin;
  private FleetSurvey survey;
  private MinuteOffsets minuteOffsets;
  private FleetTopicReader fleetReader;

  OverviewReader(Map<String, Object> client, List<LaneConfig> lanes, Duration timeout) {
    this.client = Map.copyOf(client);
    this.catalogLanes = List.copyOf(lanes);
    this.timeout = timeout;
  }

  Overview read(Instant now) {
    if (admin == null) {
      admin = admin(client);
      survey = new FleetSurvey(catalogLanes, new LagProbe(admin, timeout));
      minuteOffsets = new MinuteOffsets(admin, timeout);
    }
    Set<String> topics = AdminCalls.await(admin.listTopics().names(), "the topic names", timeout);
    boolean reported =
        topics.contains(TopicNames.FLEET) && topics.contains(TopicNames.DEPENDENCIES);
    FleetState fleet = reported ? fleetReader().read() : new FleetState(Map.of(), Map.of());
    FleetSurvey.Snapshot snapshot = survey.take(fleet, now);
    MinuteBuckets hour = MinuteBuckets.endingWithMinuteOf(now);
    Map<String, Integer> partitionCounts = partitionCounts(snapshot.lanes(), topics);
    List<TopicPartition> all = new ArrayList<>();
    partitionCounts.forEach((topic, count) -> all.addAll(MinuteOffsets.partitionsOf(topic, count)));
    Map<TopicPartition, long[]> offsets = minuteOffsets.at(all, hour, now);
    Map<String, LaneConfig> configs = new HashMap<>();
    snapshot.lanes().forEach(lane -> configs.put(lane.name(), lane));
    List<LaneView> lanes = new ArrayList<>();
    for (var row : snapshot.status().lanes()) {
      LaneConfig config = configs.get(row.lane());
      long[] retries = new long[MinuteBuckets.MINUTES];
      long[] deadLetters = new long[MinuteBuckets.MINUTES];
      if (config != null) {
        retries = perMinute(config.retryTopics(), partitionCounts, offsets);
        deadLetters = perMinute(List.of(config.deadLetterTopic()), partitionCounts, offsets);
      }
      LaneLag lag = snapshot.lags().get(row.lane());
      lanes.add(
          new LaneView(
              row,
              config != null ? config.topic() : TopicNames.main(row.lane()),
              lag == null ? Map.of() : lag.lagByPartition(),
              retries,
              deadLetters,
              Chart.of(row.lane(), hour, retries, deadLetters)));
    }
    return new Overview(
        now,
        hour,
        reported,
        lanes,
        snapshot.status().dependencies(),
        snapshot.status().workers().size(),
        snapshot.status().problems());
  }

  private static Admin admin(Map<String, Object> client) {
    try {
      return Admin.create(client);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot create a Kafka client: " + cause.getMessage(), cause);
    }
  }

  private FleetTopicReader fleetReader() {
    if (fleetReader == null) {
      // Skipped fleet records are said on stderr, once each, as `lanes status` says them.
      fleetReader = FleetTopicReader.open(client, System.err, timeout);
    }
    return fleetReader;
  }

  /** Partition counts of the lanes' retry and dead-letter topics that exist. */
  private Map<String, Integer> partitionCounts(List<LaneConfig> lanes, Set<String> existing) {
    List<String> wanted = new ArrayList<>();
    for (LaneConfig lane : lanes) {
      for (String topic : lane.retryTopics()) {
        if (existing.contains(topic)) {
          wanted.add(topic);
        }
      }
      if (existing.contains(lane.deadLetterTopic())) {
        wanted.add(lane.deadLetterTopic());
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    if (!wanted.isEmpty()) {
      Map<String, TopicDescription> descriptions =
          AdminCalls.await(
              admin.describeTopics(wanted).allTopicNames(),
              "the retry and dead-letter topics",
              timeout);
      descriptions.forEach(
          (topic, description) -> counts.put(topic, description.partitions().size()));
    }
    return counts;
  }

  private static long[] perMinute(
      List<String> topics,
      Map<String, Integer> partitionCounts,
      Map<TopicPartition, long[]> offsets) {
    List<long[]> series = new ArrayList<>();
    for (String topic : topics) {
      for (TopicPartition partition :
          MinuteOffsets.partitionsOf(topic, partitionCounts.getOrDefault(topic, 0))) {
        series.add(MinuteBuckets.counts(offsets.get(partition)));
      }
    }
    return MinuteBuckets.sum(series);
  }

  @Override
  public void close() {
    if (fleetReader != null) {
      fleetReader.close();
    }
    if (admin != null) {
      admin.close(Duration.ZERO);
    }
  }
}
