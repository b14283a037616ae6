package dev.lanes.internal.poll;

import dev.lanes.LaneConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer configuration of a lane: our defaults, then the user's, then what we require.
 *
 * <p>The main loop consumes in the lane's group, the retry loop in a group of its own ({@code
 * <group>.retry}). In one group, a member that asks to join a group that already formed waits for
 * every member to rejoin, and each learns of it only at its next heartbeat (3 s by default): when
 * the retry loop happened to join first, the main loop got its partitions one heartbeat later (3 of
 * 20 starts in {@code LaneStartIT}: 3.0-3.2 s from the lane's first assignment to its first record,
 * against 4-390 ms otherwise). With two groups neither loop waits for the other, the same test
 * handles every first record within a second, and a retry member's join no longer rebalances the
 * main topic's members. Each group still balances its own topics over the workers, which is why the
 * loops were separate members in the first place.
 */
public final class ConsumerSettings {

  static final int DEFAULT_MAX_POLL_RECORDS = 500;
  static final int FETCH_MAX_WAIT_MS = 50;

  private ConsumerSettings() {}

  public static Map<String, Object> forLane(
      LaneConfig lane, String bootstrapServers, Map<String, Object> overrides) {
    Object autoCommit = overrides.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
    if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
      throw new IllegalArgumentException(
          "enable.auto.commit must be false, was "
              + autoCommit
              + ": the lane commits only finished work");
    }
    if (overrides.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
      // One id for every consumer of every lane would fence all but one of them.
      throw new IllegalArgumentException(
          "group.instance.id must not be set, was "
              + overrides.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
              + ": give the worker an id (lanes run --worker-id) and each consumer gets its own");
    }
    Map<String, Object> config = new HashMap<>();
    // A task queue must not skip tasks produced before its group first started.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (!"consumer".equalsIgnoreCase(String.valueOf(overrides.get("group.protocol")))) {
      // Rebalances revoke only the partitions that move, so the others keep working. (The
      // KIP-848 "consumer" protocol assigns on the broker and rejects a client-side assignor.)
      config.put(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    // One poll may overshoot a loop's in-flight limit by its size: keep that overshoot in
    // proportion to the smallest loop's part of the lane's limit.
    config.put(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        Math.min(DEFAULT_MAX_POLL_RECORDS, lane.maxInFlight() / lane.pollers()));
    // A retry partition resumed at its due time is fetched only after the fetch already waiting
    // at the broker returns: the broker's long-poll wait is how late retries run (500 ms by
    // default). 50 ms keeps retries on time at the cost of ~20 empty fetches/s on an idle lane.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    config.putAll(overrides);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, lane.groupId());
    config.putIfAbsent(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "lanes-" + lane.name() + "-" + UUID.randomUUID().toString().substring(0, 8));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** The same settings in another consumer group, with a client id that says what it is for. */
  public static Map<String, Object> inGroup(
      Map<String, Object> config, String groupId, String role) {
    Map<String, Object> copy = new HashMap<>(config);
    copy.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    copy.put(
        ConsumerConfig.CLIENT_ID_CONFIG, copy.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-" + role);
    return copy;
  }

  public static int maxPollRecords(Map<String, Object> config) {
    Object value = config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
    return value == null ? DEFAULT_MAX_POLL_RECORDS : Integer.parseInt(value.toString());
  }
}
