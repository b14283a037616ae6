package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DrillProducerTest {

  private static final URI DEPENDENCY = URI.create("http://localhost:1/work");

  @Test
  void aBacklogSendThatFailsIsSentAgainWithTheSameIdAndValueAndCounted() {
    FailingProducer kafka =
        new FailingProducer(attempt -> attempt.tries() == 1 && attempt.id().equals("r2"));
    DrillProducer producer = zoneDrillProducer(kafka, null);

    producer.produceHttpTasks(3);

    assertThat(kafka.sendsOf("r2")).hasSize(2);
    assertThat(kafka.sendsOf("r2").get(1)).isEqualTo(kafka.sendsOf("r2").get(0));
    assertThat(kafka.sendsOf("r2").get(0)).contains("?id=r2");
    assertThat(producer.produced()).containsExactlyInAnyOrder("r1", "r2", "r3");
    assertThat(producer.produceFigures()).isEqualTo(new ProduceFigures(1, 1, 0));
  }

  @Test
  void aTaskThatKeepsFailingIsCountedAsUnacknowledgedAndListedAfterFiveSends() {
    FailingProducer kafka = new FailingProducer(attempt -> attempt.id().equals("r2"));
    TaskWaits waits = new TaskWaits();
    DrillProducer producer = zoneDrillProducer(kafka, waits);

    producer.produceHttpTasks(3);

    assertThat(kafka.sendsOf("r2")).hasSize(5);
    assertThat(producer.produced()).containsExactlyInAnyOrder("r1", "r3");
    assertThat(producer.unacknowledged()).containsExactly("r2");
    ProduceFigures figures = producer.produceFigures();
    assertThat(figures).isEqualTo(new ProduceFigures(5, 4, 1));
    assertThat(figures.errors()).isEqualTo(figures.resent() + figures.unacknowledged());
    // The given-up task is no wait: a late call for it is ignored, r1's is counted.
    long now = System.currentTimeMillis();
    waits.called("r1", now);
    waits.called("r2", now);
    Phases all = new Phases(now - 60_000, now + 1, now + 1, now + 1);
    assertThat(waits.windows(all, java.time.Duration.ofMinutes(2)).get(0).tasks()).isEqualTo(1);
  }

  @Test
  void steadyProductionResendsFailuresAndSettlesEveryTaskBeforeItStops() throws Exception {
    FailingProducer kafka = new FailingProducer(attempt -> attempt.tries() == 1);
    kafka.failLater(); // as KafkaProducer does: a failure arrives on its I/O thread, later
    DrillProducer producer = zoneDrillProducer(kafka, null);

    producer.startSteady(1000);
    // Not a sleep: returns as soon as the steady thread sent 300 times (100 a tick).
    assertThat(kafka.sent.await(30, TimeUnit.SECONDS)).isTrue();
    producer.stopSteady();

    long made = producer.sequence();
    assertThat(made).isGreaterThanOrEqualTo(150);
    assertThat(producer.produced()).hasSize((int) made);
    assertThat(producer.produceFigures()).isEqualTo(new ProduceFigures((int) made, (int) made, 0));
  }

  @Test
  void theOldConstructorsBacklogStillFailsWhenASendFails() {
    FailingProducer kafka = new FailingProducer(attempt -> attempt.id().equals("t2"));
    DrillProducer producer =
        new DrillProducer(kafka, "topic", DEPENDENCY, new RecordIndex(), "t", null, false);

    assertThatThrownBy(() -> producer.produceHttpTasks(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[t2]")
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(kafka.sendsOf("t2")).hasSize(1);
    assertThat(producer.produced()).containsExactlyInAnyOrder("t1", "t3");
  }

  @Test
  void aFailedSendIsResentByItsOwnerNotByTheProducersCallback() {
    MockProducer<String, String> kafka =
        new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    List<String> outcomes = new ArrayList<>();
    TaskSends sends = new TaskSends(kafka, "topic", 5, 10, recording(outcomes));

    sends.send("r1", "value-1");
    kafka.errorNext(new TimeoutException("zone down"));

    assertThat(kafka.history()).hasSize(1); // the callback only queued it
    sends.resendFailed();
    assertThat(kafka.history())
        .extracting(ProducerRecord::key, ProducerRecord::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r1", "value-1"),
            org.assertj.core.groups.Tuple.tuple("r1", "value-1"));
    kafka.completeNext();
    assertThat(outcomes).containsExactly("sending r1", "resending r1", "sending r1", "acked r1");
    assertThat(sends.awaitSettled(java.time.Duration.ZERO)).isTrue();
  }

  @Test
  void givingUpCountsTheTasksWaitingForAResendAndTheOnesStillInFlight() {
    MockProducer<String, String> kafka =
        new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    List<String> outcomes = new ArrayList<>();
    TaskSends sends = new TaskSends(kafka, "topic", 5, 10, recording(outcomes));
    sends.send("r1", "v");
    sends.send("r2", "v");
    kafka.errorNext(new TimeoutException("zone down"));

    sends.giveUp();
    kafka.errorNext(new TimeoutException("still down"));

    assertThat(outcomes).containsExactly("sending r1", "sending r2", "gave up r1", "gave up r2");
    assertThat(sends.gaveUp()).containsExactly("r1", "r2");
    assertThat(sends.awaitSettled(java.time.Duration.ZERO)).isTrue();
  }

  @Test
  void sequenceOfReadsTheNumberAfterAnyLetterPrefix() {
    assertThat(DrillProducer.sequenceOf("t7")).isEqualTo(7);
    assertThat(DrillProducer.sequenceOf("r12")).isEqualTo(12);
    assertThat(DrillProducer.sequenceOf("b3")).isEqualTo(3);
    assertThatThrownBy(() -> DrillProducer.sequenceOf("r-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("r-1");
    assertThatThrownBy(() -> zoneDrillProducer(new FailingProducer(a -> false), null, "r1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("r1");
  }

  private static DrillProducer zoneDrillProducer(FailingProducer kafka, TaskWaits waits) {
    return zoneDrillProducer(kafka, waits, "r");
  }

  private static DrillProducer zoneDrillProducer(
      FailingProducer kafka, TaskWaits waits, String prefix) {
    return new DrillProducer(kafka, "topic", DEPENDENCY, new RecordIndex(), prefix, waits, true);
  }

  private static TaskSends.Outcomes recording(List<String> outcomes) {
    return new TaskSends.Outcomes() {
      @Override
      public void sending(String id) {
        outcomes.add("sending " + id);
      }

      @Override
      public void acknowledged(String id, RecordMetadata metadata) {
        outcomes.add("acked " + id);
      }

      @Override
      public void resending(String id, Exception error) {
        outcomes.add("resending " + id);
      }

      @Override
      public void gaveUp(String id, Exception error) {
        outcomes.add("gave up " + id);
      }
    };
  }

  /** Which send of which task this is: the first send of r2 is {@code (r2, 1)}. */
  private record Attempt(String id, int tries) {}

  /**
   * Acknowledges every send at once, except those {@code fails} picks: their callback reports a
   * timeout, as KafkaProducer's does when a zone is gone for longer than delivery.timeout.ms.
   */
  private static final class FailingProducer extends MockProducer<String, String> {
    private final Predicate<Attempt> fails;
    private final Map<String, List<String>> sends = new ConcurrentHashMap<>();
    final CountDownLatch sent = new CountDownLatch(300);
    private ExecutorService ioThread;

    void failLater() {
      ioThread =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "mock-producer-io");
                thread.setDaemon(true);
                return thread;
              });
    }

    FailingProducer(Predicate<Attempt> fails) {
      super(true, null, new StringSerializer(), new StringSerializer());
      this.fails = fails;
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<String, String> record, Callback callback) {
      List<String> values = sends.computeIfAbsent(record.key(), k -> new ArrayList<>());
      values.add(record.value());
      sent.countDown();
      if (fails.test(new Attempt(record.key(), values.size()))) {
        TimeoutException error = new TimeoutException("no leader for " + record.key());
        if (ioThread == null) {
          callback.onCompletion(null, error);
        } else {
          ioThread.execute(() -> callback.onCompletion(null, error));
        }
        return CompletableFuture.failedFuture(error);
      }
      return super.send(record, callback);
    }

    List<String> sendsOf(String id) {
      return sends.getOrDefault(id, List.of());
    }
  }
}
