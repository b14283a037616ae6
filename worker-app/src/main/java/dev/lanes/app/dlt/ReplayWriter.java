package dev.lanes.app.dlt;

import dev.lanes.LanesHeaders;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes dead letters back to a lane topic and records each in the replay log once the broker has
 * acknowledged it. Callbacks only queue their result; this thread prints and writes log entries, so
 * nothing blocks the producer's I/O thread.
 */
final class ReplayWriter {

  private final Producer<byte[], byte[]> producer;
  private final ReplayLog log;
  private final PrintStream out;

  private final BlockingQueue<Ack> replays = new LinkedBlockingQueue<>();
  private final BlockingQueue<Ack> entries = new LinkedBlockingQueue<>();
  private int replaysPending;
  private int entriesPending;
  private int replayed;
  private int failed;
  private Throwable firstFailure;

  ReplayWriter(Producer<byte[], byte[]> producer, ReplayLog log, PrintStream out) {
    this.producer = producer;
    this.log = log;
    this.out = out;
  }

  /**
   * Replays in the given order; after the first failure sends no more, but waits for what is in
   * flight.
   *
   * @param skipped how many the caller left out as already replayed, for the result
   */
  ReplayResult write(List<DeadLetter> deadLetters, String target, int skipped) {
    for (DeadLetter deadLetter : deadLetters) {
      if (failed > 0) {
        break;
      }
      try {
        producer.send(
            replayRecord(deadLetter, target),
            (metadata, error) -> replays.add(new Ack(deadLetter, metadata, error)));
        replaysPending++;
      } catch (KafkaException e) {
        fail(new IllegalStateException("could not replay " + deadLetter.position(), e));
      }
      for (Ack ack = replays.poll(); ack != null; ack = replays.poll()) {
        onReplayed(ack);
      }
    }
    while (replaysPending > 0) {
      onReplayed(take(replays));
    }
    while (entriesPending > 0) {
      onLogged(take(entries));
    }
    return new ReplayResult(target, replayed, skipped, failed, firstFailure, false);
  }

  /** The dead letter as first produced: no runtime headers, so its attempts start again. */
  static ProducerRecord<byte[], byte[]> replayRecord(DeadLetter deadLetter, String target) {
    Headers headers = new RecordHeaders(deadLetter.userHeaders());
    headers.add(LanesHeaders.REPLAYED_FROM, deadLetter.position().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        target, deadLetter.partition(), null, deadLetter.keyBytes(), deadLetter.value(), headers);
  }

  private void onReplayed(Ack ack) {
    replaysPending--;
    DeadLetter deadLetter = ack.deadLetter();
    if (ack.error() != null) {
      fail(
          new IllegalStateException(
              "could not replay " + deadLetter.position() + ": " + ack.error(), ack.error()));
      return;
    }
    replayed++;
    out.println(
        "replayed "
            + deadLetter.position()
            + " -> "
            + position(ack.metadata())
            + describeTask(deadLetter));
    try {
      producer.send(
          log.entry(deadLetter, ack.metadata()),
          (metadata, error) -> entries.add(new Ack(deadLetter, metadata, error)));
      entriesPending++;
    } catch (KafkaException e) {
      notLogged(deadLetter, e);
    }
  }

  private void onLogged(Ack ack) {
    entriesPending--;
    if (ack.error() != null) {
      notLogged(ack.deadLetter(), ack.error());
    }
  }

  private void notLogged(DeadLetter deadLetter, Exception error) {
    fail(
        new IllegalStateException(
            "replayed "
                + deadLetter.position()
                + " but could not record it in "
                + log.topic()
                + ", so a later run will replay it again: "
                + error,
            error));
  }

  private void fail(Throwable error) {
    failed++;
    if (firstFailure == null) {
      firstFailure = error;
    }
  }

  private static Ack take(BlockingQueue<Ack> queue) {
    try {
      // Every send completes its callback within the producer's delivery.timeout.ms.
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for replay acknowledgements", e);
    }
  }

  static String describeTask(DeadLetter deadLetter) {
    if (deadLetter.taskId() == null && deadLetter.type() == null) {
      return "";
    }
    return " (task " + deadLetter.taskId() + ", type " + deadLetter.type() + ")";
  }

  private static String position(RecordMetadata metadata) {
    return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }

  private record Ack(DeadLetter deadLetter, RecordMetadata metadata, Exception error) {}
}
