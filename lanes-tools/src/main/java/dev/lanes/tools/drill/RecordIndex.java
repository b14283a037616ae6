package dev.lanes.tools.drill;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which task sits at each offset of the lane's topics: the main topic's filled in by the drill's
 * producer as the broker acknowledges each send, the retry topics' by the checker as it reads them.
 */
final class RecordIndex {

  private final Map<TopicPartition, Map<Long, TaskRecord>> records = new ConcurrentHashMap<>();

  private final Map<String, Integer> mainPartitions = new ConcurrentHashMap<>();

  void put(TopicPartition partition, long offset, TaskRecord record) {
    records.computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).put(offset, record);
    if (record.attempt() == 1) {
      mainPartitions.putIfAbsent(record.id(), partition.partition());
    }
  }

  /** The main-topic partition task {@code id} was produced to. */
  int partitionOf(String id) {
    Integer partition = mainPartitions.get(id);
    if (partition == null) {
      throw new IllegalArgumentException("no main-topic record of task " + id);
    }
    return partition;
  }

  /** The task at that offset, or null if none is known there. */
  TaskRecord at(TopicPartition partition, long offset) {
    Map<Long, TaskRecord> byOffset = records.get(partition);
    return byOffset == null ? null : byOffset.get(offset);
  }
}
