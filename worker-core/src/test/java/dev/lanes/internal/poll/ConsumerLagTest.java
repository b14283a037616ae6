package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.PartitionState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  private static final TopicPartition RUNNING = new TopicPartition("tasks.lag", 0);
  private static final TopicPartition PAUSED = new TopicPartition("tasks.lag", 1);

  private final AtomicLong nanos = new AtomicLong(42);
  private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
  private final AtomicBoolean brokerDown = new AtomicBoolean();
  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(
            Collection<TopicPartition> partitions, Duration timeout) {
          if (brokerDown.get()) {
            throw new TimeoutException("no answer in " + timeout);
          }
          return super.endOffsets(partitions, timeout);
        }
      };
  private final ConsumerLag lag =
      new ConsumerLag("lane/main", new LaneClock(millis::get, nanos::get));

  @Test
  void lagIsLogEndMinusTheAcknowledgedCommitAndAPausedPartitionCountsOnlyInTheTotal() {
    PartitionState running = consumed(RUNNING, 0, 10, 6);
    PartitionState paused = consumed(PAUSED, 100, 110, 104);
    paused.block("api");
    consumer.updateEndOffsets(Map.of(RUNNING, 30L, PAUSED, 150L));

    lag.measure(consumer, List.of(running, paused));

    assertThat(lag.total()).isEqualTo((30 - 6) + (150 - 104));
    assertThat(lag.excludingPaused()).isEqualTo(30 - 6);
  }

  @Test
  void aPausedPartitionsLagGrowsWithItsLogEndThoughNothingIsFetched() {
    PartitionState paused = consumed(PAUSED, 100, 110, 104);
    paused.block("api");
    // Rewound to its first unfinished record, as a breaker pause does: the commit stays.
    paused.offsets().rewind();
    consumer.updateEndOffsets(Map.of(PAUSED, 150L));
    lag.measure(consumer, List.of(paused));

    consumer.updateEndOffsets(Map.of(PAUSED, 400L));
    nanos.addAndGet(ConsumerLag.REFRESH.toNanos());
    lag.measure(consumer, List.of(paused));

    assertThat(lag.total()).isEqualTo(400 - 104);
    assertThat(lag.excludingPaused()).isZero();
  }

  @Test
  void beforeItsFirstCommitAPartitionCountsFromTheFirstOffsetItConsumed() {
    PartitionState partition = new PartitionState(RUNNING, 16, false);
    partition.offsets().track(70);
    partition.offsets().track(71);
    consumer.updateEndOffsets(Map.of(RUNNING, 90L));

    lag.measure(consumer, List.of(partition));

    assertThat(lag.total()).isEqualTo(90 - 70);
  }

  @Test
  void beforeItConsumedAnythingAPartitionCountsFromTheConsumersPosition() {
    consumer.assign(List.of(RUNNING));
    consumer.seek(RUNNING, 55);
    consumer.updateEndOffsets(Map.of(RUNNING, 60L));

    lag.measure(consumer, List.of(new PartitionState(RUNNING, 16, true)));

    assertThat(lag.total()).isEqualTo(5);
  }

  @Test
  void measuresOncePerRefreshInterval() {
    PartitionState partition = consumed(RUNNING, 0, 10, 10);
    consumer.updateEndOffsets(Map.of(RUNNING, 10L));
    lag.measure(consumer, List.of(partition));

    consumer.updateEndOffsets(Map.of(RUNNING, 20L));
    nanos.addAndGet(ConsumerLag.REFRESH.toNanos() - 1);
    lag.measure(consumer, List.of(partition));
    assertThat(lag.total()).isZero();

    nanos.addAndGet(1);
    lag.measure(consumer, List.of(partition));
    assertThat(lag.total()).isEqualTo(10);
  }

  @Test
  void whenTheBrokerDoesNotAnswerTheLastFiguresStayAndTheNextTryWaitsLonger() {
    PartitionState partition = consumed(RUNNING, 0, 10, 4);
    consumer.updateEndOffsets(Map.of(RUNNING, 10L));
    lag.measure(consumer, List.of(partition));

    brokerDown.set(true);
    nanos.addAndGet(ConsumerLag.REFRESH.toNanos());
    lag.measure(consumer, List.of(partition));
    assertThat(lag.total()).isEqualTo(6);

    brokerDown.set(false);
    consumer.updateEndOffsets(Map.of(RUNNING, 50L));
    nanos.addAndGet(ConsumerLag.REFRESH.toNanos());
    lag.measure(consumer, List.of(partition));
    assertThat(lag.total()).as("still backing off").isEqualTo(6);

    nanos.addAndGet(ConsumerLag.RETRY_AFTER_FAILURE.toNanos());
    lag.measure(consumer, List.of(partition));
    assertThat(lag.total()).isEqualTo(46);
  }

  @Test
  void lagInTimeIsTheAgeOfTheOldestUnfinishedRecordOverAllPartitions() {
    long now = millis.get();
    PartitionState running = new PartitionState(RUNNING, 16, false);
    running.offsets().track(0, now - 9_000);
    running.offsets().track(1, now - 3_000);
    running.offsets().track(2, now - 1_000);
    running.offsets().finish(0);
    PartitionState idle = consumed(PAUSED, 0, 4, 4);
    consumer.updateEndOffsets(Map.of(RUNNING, 3L, PAUSED, 4L));

    lag.measure(consumer, List.of(running, idle));

    assertThat(lag.oldestUnfinishedAgeMillis())
        .as("offset 0 finished: offset 1 is the oldest unfinished")
        .isEqualTo(3_000);
  }

  @Test
  void aPartitionRewoundBehindADependencyKeepsTheAgeOfItsFirstUnfinishedRecord() {
    long now = millis.get();
    PartitionState paused = new PartitionState(PAUSED, 16, false);
    paused.offsets().track(0, now - 2_000);
    paused.offsets().track(1, now - 1_000);
    paused.block("api");
    paused.offsets().rewind();
    consumer.updateEndOffsets(Map.of(PAUSED, 10L));
    lag.measure(consumer, List.of(paused));

    millis.addAndGet(30_000);
    nanos.addAndGet(ConsumerLag.REFRESH.toNanos());
    brokerDown.set(true);
    lag.measure(consumer, List.of(paused));

    assertThat(lag.oldestUnfinishedAgeMillis())
        .as("measured without the broker, and growing while nothing is fetched")
        .isEqualTo(32_000);
  }

  @Test
  void withNothingUnfinishedTheLagInTimeIsZero() {
    PartitionState done = consumed(RUNNING, 0, 4, 4);
    consumer.updateEndOffsets(Map.of(RUNNING, 4L));

    lag.measure(consumer, List.of(done));

    assertThat(lag.oldestUnfinishedAgeMillis()).isZero();
  }

  /** A partition that consumed {@code [from, to)} and committed up to {@code committed}. */
  private static PartitionState consumed(
      TopicPartition topicPartition, long from, long to, long committed) {
    PartitionState partition = new PartitionState(topicPartition, 16, false);
    for (long offset = from; offset < to; offset++) {
      partition.offsets().track(offset);
    }
    for (long offset = from; offset < committed; offset++) {
      partition.offsets().finish(offset);
    }
    partition.offsets().committed(committed);
    return partition;
  }
}
