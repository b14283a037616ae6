package dev.lanes.internal.forward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.MetricNames;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.invoke.ForwardRequest;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.PartitionState;
import dev.lanes.retry.Destination;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ForwarderTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LaneMetrics metrics =
      new LaneMetrics(registry, "work", Set.of(), RetryPolicy.defaults().maxAttempts());
  // Acknowledges nothing on its own: the test completes or fails each send.
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final ManualTimer timer = new ManualTimer();
  private final Forwarder forwarder = new Forwarder("work", producer, metrics, timer);
  private final Deque<Completion> completions = new ArrayDeque<>();
  private final PartitionState partition =
      new PartitionState(new TopicPartition("tasks.work", 0), 16, false);

  @Test
  void aFailedForwardIsSentAgainAfterAPauseAndFinishesItsOffsetOnlyWhenAcknowledged() {
    partition.offsets().track(7);
    PendingForward forward = pending(7);

    forwarder.start(forward);
    producer.errorNext(new TimeoutException("no leader"));

    assertThat(completions).as("a failed forward does not come back").isEmpty();
    assertThat(forwarder.pending()).isEqualTo(1);
    assertThat(timer.delays).containsExactly(500L);
    assertThat(registry.get(MetricNames.FORWARD_FAILURES).counter().count()).isEqualTo(1);

    timer.runDue();
    assertThat(producer.history()).as("sent again").hasSize(2);
    producer.completeNext();

    assertThat(completions).containsExactly(forward);
    assertThat(forwarder.pending()).isZero();
    completions.poll().finishOffsets();
    assertThat(partition.offsets().unfinished()).as("offset 7 finished").isZero();
  }

  @Test
  void eachFurtherFailureDoublesThePauseBeforeTheResend() {
    forwarder.start(pending(3));
    producer.errorNext(new TimeoutException("no leader"));
    timer.runDue();
    producer.errorNext(new TimeoutException("no leader"));
    timer.runDue();
    producer.errorNext(new TimeoutException("no leader"));

    assertThat(timer.delays).containsExactly(500L, 1000L, 2000L);
  }

  @Test
  void aFailedForwardOfARevokedPartitionComesBackUnfinishedForTheNextOwnerToRunAgain() {
    partition.offsets().track(3);
    PendingForward forward = pending(3);
    forwarder.start(forward);
    partition.revoke();

    producer.errorNext(new TimeoutException("no leader"));

    assertThat(timer.delays).as("no resend").isEmpty();
    assertThat(completions).containsExactly(forward);
    completions.poll().finishOffsets();
    assertThat(partition.offsets().unfinished()).isEqualTo(1);
  }

  private PendingForward pending(long offset) {
    ConsumerRecord<byte[], byte[]> source =
        new ConsumerRecord<>("tasks.work", 0, offset, null, "{}".getBytes(UTF_8));
    ForwardRequest request =
        new ForwardRequest(
            "tasks.work.retry.1",
            new Destination.Retry(1, 2, Duration.ofSeconds(1), 1_000L),
            1,
            new IllegalStateException("handler failed"),
            0L);
    return new PendingForward(
        forwarder,
        completions,
        partition,
        source,
        request,
        new ForwardRecords("lanes.work", "worker-1", new HeaderTrust(List.of())));
  }

  /** Holds resends until the test runs them. */
  private static final class ManualTimer implements ResendTimer {
    final List<Long> delays = new ArrayList<>();
    private final Deque<Runnable> scheduled = new ArrayDeque<>();
    private boolean closed;

    @Override
    public void schedule(Runnable resend, long delayMillis) {
      if (closed) {
        throw new RejectedExecutionException("closed");
      }
      delays.add(delayMillis);
      scheduled.add(resend);
    }

    @Override
    public void close() {
      closed = true;
      scheduled.clear();
    }

    void runDue() {
      List<Runnable> due = new ArrayList<>(scheduled);
      scheduled.clear();
      due.forEach(Runnable::run);
    }
  }
}
