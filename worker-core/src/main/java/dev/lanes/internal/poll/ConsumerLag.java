package dev.lanes.internal.poll;

import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.PartitionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a poll loop is behind the end of its partitions: per partition, the log-end offset minus
 * the committed offset, the same figure the broker's admin API gives. Measured every {@link
 * #REFRESH} on the poll thread, read by gauges and health checks from any thread. Partitions paused
 * on a dependency count apart: scaling out does not help when a dependency is down.
 *
 * <p>Not the consumer's own {@code currentLag}: that is the high watermark of the last fetch
 * response minus the fetch position, and a partition paused on a breaker or waiting for a retry's
 * due time is not fetched, so its lag froze while records kept arriving (the gauge read 268 while
 * the broker counted 541). The log end comes from a ListOffsets request instead, and the committed
 * offset from the lane's own acknowledged commits, which the rewinds of a paused partition do not
 * move.
 *
 * <p>Lag in time is measured alongside: the age of the oldest unfinished record the lane has
 * fetched, the largest over its partitions. It needs no broker (the timestamps are tracked with the
 * offsets), so it is measured even when ListOffsets fails.
 */
final class ConsumerLag {

  /** How often the lag is measured: one ListOffsets request per poll loop. */
  static final Duration REFRESH = Duration.ofSeconds(1);

  // The poll thread waits for the answer: a healthy broker answers in milliseconds, and a broker
  // that does not answer must not hold up completions and commits for long.
  static final Duration END_OFFSETS_TIMEOUT = Duration.ofMillis(500);
  // After a failed request, wait longer before the next: an outage would otherwise cost the poll
  // thread half its time.
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

  private final String loop;
  private final LaneClock clock;
  private volatile long total;
  private volatile long oldestUnfinishedAgeMillis;
  private volatile long excludingPaused;
  private long nextMeasure;

  ConsumerLag(String loop, LaneClock clock) {
    this.loop = loop;
    this.clock = clock;
    this.nextMeasure = clock.nanoTime();
  }

  /**
   * Measures when {@link #REFRESH} has passed since the last time. Keeps the last figures when the
   * broker does not answer. Poll thread only.
   */
  void measure(Consumer<?, ?> consumer, Collection<PartitionState> partitions) {
    long now = clock.nanoTime();
    if (now - nextMeasure < 0) {
      return;
    }
    nextMeasure = now + REFRESH.toNanos();
    oldestUnfinishedAgeMillis = oldestUnfinishedAge(partitions);
    if (partitions.isEmpty()) {
      total = 0;
      excludingPaused = 0;
      return;
    }
    List<TopicPartition> owned = new ArrayList<>(partitions.size());
    partitions.forEach(partition -> owned.add(partition.topicPartition()));
    Map<TopicPartition, Long> ends;
    try {
      ends = consumer.endOffsets(owned, END_OFFSETS_TIMEOUT);
    } catch (KafkaException e) {
      nextMeasure = now + RETRY_AFTER_FAILURE.toNanos();
      log.warn(
          "lag not measured loop={} error=\"{}\" (kept the last figures, next try in {} s)",
          loop,
          e.toString(),
          RETRY_AFTER_FAILURE.toSeconds());
      return;
    }
    long all = 0;
    long active = 0;
    for (PartitionState partition : partitions) {
      Long end = ends.get(partition.topicPartition());
      long from = committed(consumer, partition);
      if (end == null || from < 0) {
        continue;
      }
      long lag = Math.max(0, end - from);
      all += lag;
      if (!partition.isBlocked()) {
        active += lag;
      }
    }
    total = all;
    excludingPaused = active;
  }

  /** The age of the oldest unfinished record over the loop's partitions, in ms; 0 when none. */
  long oldestUnfinishedAgeMillis() {
    return oldestUnfinishedAgeMillis;
  }

  private long oldestUnfinishedAge(Collection<PartitionState> partitions) {
    long nowMillis = clock.nowMillis();
    long oldest = 0;
    for (PartitionState partition : partitions) {
      long timestamp = partition.offsets().oldestUnfinishedTimestamp();
      if (timestamp >= 0) {
        oldest = Math.max(oldest, nowMillis - timestamp);
      }
    }
    return oldest;
  }

  long total() {
    return total;
  }

  long excludingPaused() {
    return excludingPaused;
  }

  /**
   * The group's committed offset as the lane knows it; before the lane consumed anything, the
   * consumer's position, which is where the group's commit (or the reset policy) put it. -1 while
   * the consumer does not know its position yet.
   */
  private static long committed(Consumer<?, ?> consumer, PartitionState partition) {
    long known = partition.offsets().committedOrStart();
    if (known >= 0) {
      return known;
    }
    try {
      return consumer.position(partition.topicPartition(), Duration.ZERO);
    } catch (KafkaException | IllegalStateException e) {
      return -1;
    }
  }
}
