package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.Priority;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.PartitionState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DependencyPausesTest {

  private static final TopicPartition FIRST = new TopicPartition("tasks.breaker", 0);
  private static final TopicPartition SECOND = new TopicPartition("tasks.breaker", 1);

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  // One probe closes the breaker; an hour's delay, so only the test half-opens it.
  private final DependencyRegistry dependencies =
      new DependencyRegistry(
          Map.of(
              "api",
              DependencyPolicy.withBreaker(
                  BreakerPolicy.failures(1)
                      .withDelay(Duration.ofHours(1))
                      .withSuccessesToClose(1))),
          new SimpleMeterRegistry());
  private final GuardedDependency api = dependencies.get("api");
  private final InFlightWork work =
      new InFlightWork(new ArrayBlockingQueue<>(16), 16, Set.of(), nanos::get);
  private final DependencyPauses pauses =
      new DependencyPauses(
          "breaker",
          Priority.NORMAL,
          consumer,
          dependencies,
          new LaneClock(millis::get, nanos::get));

  @AfterEach
  void close() {
    dependencies.close();
  }

  @Test
  void anOpenBreakerRewindsTheBlockedPartitionToItsFirstUnfinishedRecordAndKeepsItBlocked() {
    PartitionState partition = consumedUpTo(FIRST, 5, 2);
    openBreaker();
    partition.block("api");

    pauses.update(work);

    assertThat(consumer.position(FIRST))
        .as("sought back to the first unfinished record")
        .isEqualTo(2);
    assertThat(partition.isRewound()).isTrue();
    assertThat(partition.isBlocked()).isTrue();

    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    pauses.update(work);
    assertThat(partition.isBlocked()).as("still open: still waiting").isTrue();
  }

  @Test
  void aHalfOpenBreakerResumesOnlyAsManyPartitionsAsItHasProbesAndClosingResumesTheRest()
      throws Exception {
    PartitionState first = consumedUpTo(FIRST, 3, 1);
    PartitionState second = consumedUpTo(SECOND, 3, 0);
    openBreaker();
    first.block("api");
    second.block("api");
    pauses.update(work);

    api.halfOpen();
    pauses.update(work);

    assertThat(List.of(first.isBlocked(), second.isBlocked()))
        .as("one probe permit: the longest waiting partition resumes, the other waits")
        .containsExactly(false, true);

    api.call(() -> "probe succeeded");
    pauses.update(work);

    assertThat(second.isBlocked()).as("closed: every partition resumes").isFalse();
  }

  @Test
  void aPartitionWithTasksStillRunningIsRewoundOnlyOnceTheyAreBack() {
    PartitionState partition = consumedUpTo(FIRST, 5, 2);
    partition.dispatched(1);
    openBreaker();
    partition.block("api");

    pauses.update(work);

    assertThat(partition.isRewound()).isFalse();
    assertThat(consumer.position(FIRST)).as("not sought while a task still runs").isEqualTo(5);
  }

  @Test
  void recordsProducedBeforeTheBreakerClosedCountAsHavingWaitedOnTheDependency() throws Exception {
    PartitionState partition = consumedUpTo(FIRST, 3, 0);
    openBreaker();
    partition.block("api");
    pauses.update(work);
    long before = millis.get();
    millis.addAndGet(60_000);

    api.halfOpen();
    api.call(() -> "probe succeeded");
    pauses.update(work);

    assertThat(partition.isBlocked()).isFalse();
    assertThat(partition.waitedOnDependency(before)).as("produced during the outage").isTrue();
    assertThat(partition.waitedOnDependency(millis.get() + 1))
        .as("produced after the resume")
        .isFalse();
  }

  /** Owns {@code partition}, fetched up to {@code fetched}, finished below {@code finished}. */
  private PartitionState consumedUpTo(TopicPartition topicPartition, long fetched, long finished) {
    consumer.assign(List.of(FIRST, SECOND));
    consumer.seek(topicPartition, fetched);
    work.assigned(List.of(topicPartition));
    PartitionState partition = work.partition(topicPartition);
    for (long offset = 0; offset < fetched; offset++) {
      partition.offsets().track(offset);
    }
    for (long offset = 0; offset < finished; offset++) {
      partition.offsets().finish(offset);
    }
    return partition;
  }

  private void openBreaker() {
    assertThatThrownBy(
            () ->
                api.call(
                    () -> {
                      throw new IOException("down");
                    }))
        .isInstanceOf(DependencyUnavailableException.class);
    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }
}
