package dev.lanes.internal.poll;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.StaleMemberEpochException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the retry topics' committed offsets over from the lane's group to its retry group, for
 * deployments whose retry loops committed under the lane's group before the retry topics got a
 * group of their own. Without it the retry group would start from the earliest retained retry
 * record and run again every retry of the retention period.
 *
 * <p>Runs on the retry loop's poll thread before it subscribes. Only partitions the retry group
 * never committed are carried over, and the commit is a standalone one, which the broker refuses
 * once the retry group has members: then a worker that joined first already carried them over. Any
 * other failure fails the loop (and the lane) rather than replay the retry topics.
 */
public final class RetryGroupSeed {

  private static final Logger log = LoggerFactory.getLogger(RetryGroupSeed.class);

  private final String laneName;
  private final String laneGroup;
  private final List<String> retryTopics;
  private final Supplier<Consumer<byte[], byte[]>> laneGroupReader;
  private final Duration timeout;

  /**
   * @param laneGroupReader makes a consumer in the lane's group that only reads its offsets
   */
  public RetryGroupSeed(
      String laneName,
      String laneGroup,
      List<String> retryTopics,
      Supplier<Consumer<byte[], byte[]>> laneGroupReader,
      Duration timeout) {
    this.laneName = laneName;
    this.laneGroup = laneGroup;
    this.retryTopics = List.copyOf(retryTopics);
    this.laneGroupReader = laneGroupReader;
    this.timeout = timeout;
  }

  /** Commits, in the retry group of {@code retryConsumer}, what only the lane's group has. */
  public void seed(Consumer<byte[], byte[]> retryConsumer) {
    Set<TopicPartition> partitions = new HashSet<>();
    for (String topic : retryTopics) {
      for (PartitionInfo info : retryConsumer.partitionsFor(topic, timeout)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    Set<TopicPartition> uncommitted = new HashSet<>(partitions);
    retryConsumer
        .committed(partitions, timeout)
        .forEach(
            (partition, offset) -> {
              if (offset != null) {
                uncommitted.remove(partition);
              }
            });
    if (uncommitted.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> carried = new HashMap<>();
    try (Consumer<byte[], byte[]> reader = laneGroupReader.get()) {
      reader
          .committed(uncommitted, timeout)
          .forEach(
              (partition, offset) -> {
                if (offset != null) {
                  carried.put(partition, new OffsetAndMetadata(offset.offset()));
                }
              });
    }
    if (carried.isEmpty()) {
      return;
    }
    try {
      retryConsumer.commitSync(carried, timeout);
      log.info(
          "retry offsets carried over lane={} from-group={} partitions={}",
          laneName,
          laneGroup,
          carried.size());
    } catch (CommitFailedException
        | UnknownMemberIdException
        | IllegalGenerationException
        | StaleMemberEpochException e) {
      log.info(
          "retry offsets not carried over lane={} from-group={} error=\"{}\" (the retry group has"
              + " members: one of them carried them over)",
          laneName,
          laneGroup,
          e.toString());
    }
  }
}
