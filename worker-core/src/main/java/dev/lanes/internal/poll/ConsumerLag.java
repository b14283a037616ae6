package dev.lanes.internal.poll;

import dev.lanes.internal.offsets.PartitionState;
import java.util.Collection;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * How far a poll loop is behind the end of its partitions, from the consumer's own view (the end
 * offsets fetch responses carry), measured about once a second on the poll thread and read by
 * gauges and health checks from any thread. Partitions paused on a dependency count apart: scaling
 * out does not help when a dependency is down.
 */
final class ConsumerLag {

  private static final long EVERY_NANOS = 1_000_000_000L;

  private volatile long total;
  private volatile long excludingPaused;
  private long nextMeasure;

  /** Measures when a second has passed since the last time. Poll thread only. */
  void measure(Consumer<?, ?> consumer, Collection<PartitionState> partitions) {
    long now = System.nanoTime();
    if (now - nextMeasure < 0) {
      return;
    }
    nextMeasure = now + EVERY_NANOS;
    long all = 0;
    long active = 0;
    for (PartitionState partition : partitions) {
      OptionalLong lag = consumer.currentLag(partition.topicPartition());
      if (lag.isPresent()) {
        all += lag.getAsLong();
        if (!partition.isBlocked()) {
          active += lag.getAsLong();
        }
      }
    }
    total = all;
    excludingPaused = active;
  }

  long total() {
    return total;
  }

  long excludingPaused() {
    return excludingPaused;
  }
}
