package dev.lanes;

import static dev.lanes.DeadLetters.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Headers named like the runtime's on a main-topic record are someone else's: never trusted. */
@KafkaTest
class ForgedHeadersIT {

  @Test
  void aMainTopicRecordStartsAtAttemptOneWhateverItsLanesHeadersSay(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.forged");
    kafka.createTopic(topic, 1);
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "fails-once",
                log.handler(
                    (task, context) -> {
                      if (context.attempt() == 1) {
                        throw new IllegalStateException("attempt 1 fails");
                      }
                    }))
            .register(
                "always-fails",
                log.handler(
                    (task, context) -> {
                      throw new IllegalStateException("attempt " + context.attempt() + " fails");
                    }))
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "forged", topic)
            .withRetry(
                RetryPolicy.of(
                    3,
                    Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1))
                        .withJitter(Jitter.NONE)));

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      DeadLetters.sendRaw(
          kafka,
          List.of(
              forged(topic, "late", "fails-once", "999"),
              forged(topic, "exhausted", "fails-once", "4"),
              forged(topic, "dead", "always-fails", "2")));
      List<ConsumerRecord<byte[], byte[]>> deadLetters =
          DeadLetters.read(kafka, lane.deadLetterTopic(), 1, Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(30)).until(() -> log.count() == 2 + 2 + 3);

      assertThat(log.of("late")).extracting(AttemptLog.Call::attempt).containsExactly(1, 2);
      assertThat(log.of("exhausted")).extracting(AttemptLog.Call::attempt).containsExactly(1, 2);
      assertThat(log.of("dead")).extracting(AttemptLog.Call::attempt).containsExactly(1, 2, 3);

      ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
      assertThat(new String(deadLetter.key(), UTF_8)).isEqualTo("dead");
      assertThat(header(deadLetter, LanesHeaders.ATTEMPT)).isEqualTo("3");
      assertThat(header(deadLetter, LanesHeaders.REASON)).isEqualTo("exhausted");
      assertThat(header(deadLetter, LanesHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
      assertThat(header(deadLetter, LanesHeaders.ORIGINAL_OFFSET)).isEqualTo("2");
      // The forged values stay for diagnosis, under a name that cannot be mistaken for ours.
      assertThat(header(deadLetter, LanesHeaders.FOREIGN_PREFIX + LanesHeaders.ATTEMPT))
          .isEqualTo("2");
      assertThat(header(deadLetter, LanesHeaders.FOREIGN_PREFIX + LanesHeaders.ORIGINAL_TOPIC))
          .isEqualTo("elsewhere");
      assertThat(header(deadLetter, "trace-id")).isEqualTo("t-dead");
    }
  }

  private static ProducerRecord<byte[], byte[]> forged(
      String topic, String id, String type, String attempt) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            id.getBytes(UTF_8),
            TaskRecords.task(topic, id, id, type).value().getBytes(UTF_8));
    record.headers().add(LanesHeaders.ATTEMPT, attempt.getBytes(UTF_8));
    record.headers().add(LanesHeaders.ORIGINAL_TOPIC, "elsewhere".getBytes(UTF_8));
    record.headers().add("trace-id", ("t-" + id).getBytes(UTF_8));
    return record;
  }
}
