package dev.lanes.console.internal.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Partitions' offsets at the hour's 61 minute boundaries, from the admin API's {@code listOffsets}
 * with {@code OffsetSpec.forTimestamp}: one call per boundary covering every partition asked (the
 * API takes one spec per partition per call), all sent at once and awaited together.
 *
 * <p>Cost: the first look sends 62 {@code listOffsets} calls (61 boundaries and the end offsets),
 * each one ListOffsets request per partition leader. A boundary already passed does not move as
 * records arrive (new records carry newer timestamps), so its offsets are kept: each later look
 * asks only for the end offsets and for a boundary the clock crossed since, 2-3 calls. A partition
 * seen for the first time is asked for every boundary once. Not thread-safe (the overview's cache
 * calls it from one thread at a time).
 */
final class MinuteOffsets {

  private final Admin admin;
  private final Duration timeout;
  // Offsets at boundaries at or before the time they were asked: these no longer change.
  private final Map<Instant, Map<TopicPartition, Long>> settled = new HashMap<>();

  MinuteOffsets(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Each partition's 61 offsets at the buckets' boundaries, as of {@code now}. */
  Map<TopicPartition, long[]> at(List<TopicPartition> partitions, MinuteBuckets hour, Instant now) {
    Map<TopicPartition, long[]> offsets = new HashMap<>();
    if (partitions.isEmpty()) {
      return offsets;
    }
    settled.keySet().removeIf(boundary -> boundary.isBefore(hour.start()));
    Map<Integer, KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>>> asked = new HashMap<>();
    for (int k = 0; k <= MinuteBuckets.MINUTES; k++) {
      Instant boundary = hour.boundary(k);
      Map<TopicPartition, Long> known = settled.getOrDefault(boundary, Map.of());
      List<TopicPartition> missing =
          partitions.stream().filter(p -> !known.containsKey(p)).toList();
      if (!missing.isEmpty() && !boundary.isAfter(now)) {
        asked.put(k, list(missing, OffsetSpec.forTimestamp(boundary.toEpochMilli())));
      }
    }
    // One deadline for all: the calls run together, so together they get one timeout.
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        AdminCalls.await(
            list(partitions, OffsetSpec.latest()),
            "end offsets of " + partitions.size() + " partitions",
            remaining(deadline));
    Map<Integer, Map<TopicPartition, ListOffsetsResultInfo>> found = new HashMap<>();
    for (Map.Entry<Integer, KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>>> call :
        asked.entrySet()) {
      found.put(
          call.getKey(),
          AdminCalls.await(
              call.getValue(),
              "offsets at " + hour.boundary(call.getKey()) + " of the retry and dead-letter topics",
              remaining(deadline)));
    }
    for (TopicPartition partition : partitions) {
      long end = ends.get(partition).offset();
      long[] atBoundaries = new long[MinuteBuckets.MINUTES + 1];
      for (int k = 0; k <= MinuteBuckets.MINUTES; k++) {
        Instant boundary = hour.boundary(k);
        Long known = settled.getOrDefault(boundary, Map.of()).get(partition);
        if (known != null) {
          atBoundaries[k] = known;
        } else if (boundary.isAfter(now)) {
          atBoundaries[k] = end;
        } else {
          atBoundaries[k] = MinuteBuckets.offsetAt(found.get(k).get(partition).offset(), end);
          settled.computeIfAbsent(boundary, b -> new HashMap<>()).put(partition, atBoundaries[k]);
        }
      }
      offsets.put(partition, atBoundaries);
    }
    return offsets;
  }

  private KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> list(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    return admin.listOffsets(request).all();
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  static List<TopicPartition> partitionsOf(String topic, int count) {
    List<TopicPartition> partitions = new ArrayList<>(count);
    for (int partition = 0; partition < count; partition++) {
      partitions.add(new TopicPartition(topic, partition));
    }
    return partitions;
  }
}
