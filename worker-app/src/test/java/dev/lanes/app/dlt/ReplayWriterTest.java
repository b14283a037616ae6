package dev.lanes.app.dlt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ReplayWriterTest {

  private static final String MAIN = "tasks.payments";
  private static final String LOG = "tasks.payments.dlt.replayed";

  private static final Node BROKER = new Node(1, "localhost", 9092);

  // The main topic's partitions, so acknowledgements name the partition a record was sent to.
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(
          new Cluster(
              "test",
              List.of(BROKER),
              List.of(
                  new PartitionInfo(MAIN, 0, BROKER, null, null),
                  new PartitionInfo(MAIN, 1, BROKER, null, null)),
              Set.of(),
              Set.of()),
          false,
          null,
          new ByteArraySerializer(),
          new ByteArraySerializer());
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ReplayWriter writer =
      new ReplayWriter(producer, new ReplayLog(Map.of(), LOG), new PrintStream(out, true, UTF_8));

  private final DeadLetter first =
      DeadLetterRecords.task(MAIN, "t-1", "charge")
          .partition(1)
          .key("order-7")
          .userHeader("trace-id", "abc")
          .exhausted(4, new IOException("down"))
          .toDeadLetter(3);
  private final DeadLetter second =
      DeadLetterRecords.task(MAIN, "t-2", "charge").partition(1).toDeadLetter(4);

  @Test
  void replayKeepsKeyValueUserHeadersAndPartitionButNoRuntimeHeaders() {
    ProducerRecord<byte[], byte[]> replay = ReplayWriter.replayRecord(first, MAIN);

    assertThat(replay.topic()).isEqualTo(MAIN);
    assertThat(replay.partition()).isEqualTo(1);
    assertThat(replay.key()).isEqualTo("order-7".getBytes(UTF_8));
    assertThat(replay.value()).isEqualTo(first.value());
    assertThat(replay.timestamp()).as("a new record, stamped when sent").isNull();
    assertThat(replay.headers().toArray())
        .extracting(Header::key)
        .containsExactly("trace-id", LanesHeaders.REPLAYED_FROM);
    assertThat(replay.headers().lastHeader(LanesHeaders.REPLAYED_FROM).value())
        .asString(UTF_8)
        .isEqualTo("tasks.payments.dlt-1@3");
  }

  @Test
  void logEntryIsWrittenOnlyOnceTheReplayIsAcknowledged() {
    CompletableFuture<ReplayResult> result =
        CompletableFuture.supplyAsync(() -> writer.write(List.of(first), MAIN, 0));
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    assertThat(result).as("waits for the acknowledgement").isNotDone();
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(MAIN);

    producer.completeNext();

    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
    ProducerRecord<byte[], byte[]> entry = producer.history().get(1);
    assertThat(entry.topic()).isEqualTo(LOG);
    assertThat(entry.key()).asString(UTF_8).isEqualTo("1@3");
    assertThat(entry.value()).asString(UTF_8).startsWith(MAIN + "-1@");
    assertThat(result).as("waits for the log entry too").isNotDone();

    producer.completeNext();

    assertThat(result.join()).isEqualTo(new ReplayResult(MAIN, 1, 0, 0, null, false));
    assertThat(out.toString(UTF_8))
        .startsWith("replayed tasks.payments.dlt-1@3 -> tasks.payments-1@")
        .contains("(task t-1, type charge)");
  }

  @Test
  void aFailedReplayIsNotLoggedAndNamesTheDeadLetter() {
    CompletableFuture<ReplayResult> result =
        CompletableFuture.supplyAsync(() -> writer.write(List.of(first, second), MAIN, 2));
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);

    producer.errorNext(new NotEnoughReplicasException("only 1 in sync"));
    producer.completeNext();
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
    producer.completeNext();

    ReplayResult done = result.join();
    assertThat(done.replayed()).isEqualTo(1);
    assertThat(done.skipped()).isEqualTo(2);
    assertThat(done.failed()).isEqualTo(1);
    assertThat(done.succeeded()).isFalse();
    assertThat(done.firstFailure())
        .hasMessageStartingWith("could not replay tasks.payments.dlt-1@3")
        .hasCauseInstanceOf(NotEnoughReplicasException.class);
    assertThat(producer.history())
        .filteredOn(record -> record.topic().equals(LOG))
        .extracting(record -> new String(record.key(), UTF_8))
        .containsExactly("1@4");
  }

  @Test
  void aReplayWhoseLogEntryFailsCountsAsFailedBecauseItWouldBeReplayedAgain() {
    CompletableFuture<ReplayResult> result =
        CompletableFuture.supplyAsync(() -> writer.write(List.of(first), MAIN, 0));
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    producer.completeNext();
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);

    producer.errorNext(new NotEnoughReplicasException("only 1 in sync"));

    ReplayResult done = result.join();
    assertThat(done.replayed()).isEqualTo(1);
    assertThat(done.failed()).isEqualTo(1);
    assertThat(done.firstFailure())
        .hasMessageContaining("replayed tasks.payments.dlt-1@3 but could not record it in " + LOG);
  }
}
