package dev.lanes.internal.offsets;

import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.lane.LaneMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, per partition, the offset after the highest contiguous finished record: asynchronously
 * while running, synchronously when partitions are revoked and on shutdown. Poll thread only
 * (commit callbacks also run on it, inside poll and commit calls).
 */
public final class OffsetCommitter {

  private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

  private final String laneName;
  private final Consumer<byte[], byte[]> consumer;
  private final LaneMetrics metrics;
  private final Duration syncTimeout;
  private final LaneClock clock;

  public OffsetCommitter(
      String laneName,
      Consumer<byte[], byte[]> consumer,
      LaneMetrics metrics,
      Duration syncTimeout,
      LaneClock clock) {
    this.laneName = laneName;
    this.consumer = consumer;
    this.metrics = metrics;
    this.syncTimeout = syncTimeout;
    this.clock = clock;
  }

  /** Commits progress without blocking the poll loop; a failure is retried by the next commit. */
  public void commitAsync(Map<TopicPartition, PartitionState> owned) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(owned.values());
    if (offsets.isEmpty()) {
      return;
    }
    long start = clock.nanoTime();
    consumer.commitAsync(
        offsets,
        (committed, error) -> {
          if (error == null) {
            metrics.committed(clock.nanoTime() - start);
            acknowledge(committed, owned);
          } else if (error instanceof RebalanceInProgressException) {
            // Expected while the group rebalances; the revoke callback or next commit covers it.
            log.debug("commit deferred by rebalance lane={} offsets={}", laneName, offsets);
          } else {
            metrics.commitFailed();
            log.warn(
                "commit failed lane={} offsets={} error=\"{}\"",
                laneName,
                offsets,
                error.toString());
          }
        });
  }

  /**
   * Commits progress of {@code partitions} and waits for the acknowledgement. A failure is logged
   * and counted, not thrown: the partitions' records will be processed again by their next owner,
   * which at-least-once allows. Returns false only when a rebalance in progress refused the commit,
   * which the caller can retry once the rebalance completed.
   */
  public boolean commitSync(Collection<PartitionState> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
    if (offsets.isEmpty()) {
      return true;
    }
    long start = clock.nanoTime();
    try {
      consumer.commitSync(offsets, syncTimeout);
      metrics.committed(clock.nanoTime() - start);
      for (PartitionState partition : partitions) {
        OffsetAndMetadata committed = offsets.get(partition.topicPartition());
        if (committed != null) {
          partition.offsets().committed(committed.offset());
        }
      }
      return true;
    } catch (RebalanceInProgressException e) {
      log.info("commit deferred by rebalance lane={} offsets={}", laneName, offsets);
      return false;
    } catch (KafkaException e) {
      metrics.commitFailed();
      log.warn("commit failed lane={} offsets={} error=\"{}\"", laneName, offsets, e.toString());
      return true;
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> committable(
      Collection<PartitionState> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionState partition : partitions) {
      OptionalLong offset = partition.offsets().committable();
      if (offset.isPresent()) {
        offsets.put(partition.topicPartition(), new OffsetAndMetadata(offset.getAsLong()));
      }
    }
    return offsets;
  }

  private static void acknowledge(
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, PartitionState> owned) {
    committed.forEach(
        (topicPartition, offset) -> {
          PartitionState partition = owned.get(topicPartition);
          if (partition != null) {
            partition.offsets().committed(offset.offset());
          }
        });
  }
}
