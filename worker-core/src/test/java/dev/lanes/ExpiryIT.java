package dev.lanes;

import static dev.lanes.DeadLetters.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.task.TaskCodec;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaTest
class ExpiryIT {

  private static final TaskCodec CODEC = new TaskCodec();

  @Test
  void tasksPastTheirDeadlineOrMaxAgeAreDeadLetteredAsExpiredWithoutRunning(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.expiry");
    kafka.createTopic(topic, 1);
    Instant now = Instant.now();
    List<ProducerRecord<byte[], byte[]>> records =
        List.of(
            record(topic, "late", task("late", now, now.minus(Duration.ofMinutes(1)))),
            record(topic, "in-time", task("in-time", now, now.plus(Duration.ofMinutes(10)))),
            record(topic, "no-deadline", task("no-deadline", now, null)),
            record(topic, "too-old", task("too-old", now.minus(Duration.ofHours(1)), null)),
            record(topic, "bad", "{\"id\":\"bad\",\"type\":\"work\",\"deadline\":\"soon\"}"));
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder().register("work", log.handler((task, context) -> {})).build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "expiry", topic).withMaxTaskAge(Duration.ofMinutes(10));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    List<ConsumerRecord<byte[], byte[]>> deadLetters;
    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, lane)) {
      DeadLetters.sendRaw(kafka, records);
      deadLetters = DeadLetters.read(kafka, lane.deadLetterTopic(), 3, Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.committedTotal(kafka, lane.groupId()) == records.size());
    }

    assertThat(log.countOf("in-time")).isEqualTo(1);
    assertThat(log.countOf("no-deadline")).as("a task without deadline is unaffected").isEqualTo(1);
    assertThat(log.countOf("late") + log.countOf("too-old")).as("expired tasks never run").isZero();
    Map<String, ConsumerRecord<byte[], byte[]>> byKey = byKey(deadLetters);
    assertThat(byKey).containsOnlyKeys("late", "too-old", "bad");
    for (String key : List.of("late", "too-old")) {
      ConsumerRecord<byte[], byte[]> expired = byKey.get(key);
      assertThat(header(expired, LanesHeaders.REASON)).as(key).isEqualTo("expired");
      assertThat(header(expired, LanesHeaders.CATEGORY)).as(key).isEqualTo("expired");
      assertThat(header(expired, LanesHeaders.ATTEMPT)).as(key).isEqualTo("1");
      assertThat(header(expired, LanesHeaders.ORIGINAL_TOPIC)).as(key).isEqualTo(topic);
      assertThat(header(expired, LanesHeaders.EXCEPTION_MESSAGE))
          .as(key)
          .startsWith("task " + key + " expired: deadline ");
    }
    assertThat(header(byKey.get("bad"), LanesHeaders.REASON)).isEqualTo("invalid_field");
    assertThat(header(byKey.get("bad"), LanesHeaders.EXCEPTION_MESSAGE))
        .isEqualTo("deadline must be an ISO-8601 instant, was soon");
    assertThat(outcome(registry, MetricNames.OUTCOME_EXPIRED)).isEqualTo(2.0);
    assertThat(outcome(registry, MetricNames.OUTCOME_SUCCEEDED)).isEqualTo(2.0);
  }

  @Test
  void aRetryDueAfterItsDeadlineGoesToTheDeadLetterTopicAtOnce(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.expiry-retry");
    kafka.createTopic(topic, 1);
    Instant now = Instant.now();
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "work",
                log.handler(
                    (task, context) -> {
                      throw new IllegalStateException("service unavailable");
                    }))
            .build();
    // The first retry waits minutes: far past the 20 s deadline, and past the test.
    LaneConfig lane =
        TestRuntimes.lane(kafka, "expiry-retry", topic)
            .withRetry(RetryPolicy.of(3, Backoff.fixed(Duration.ofMinutes(10))));

    List<ConsumerRecord<byte[], byte[]>> deadLetters;
    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      DeadLetters.sendRaw(
          kafka,
          List.of(
              record(topic, "doomed", task("doomed", now, now.plus(Duration.ofSeconds(20)))),
              record(topic, "patient", task("patient", now, null))));
      deadLetters = DeadLetters.read(kafka, lane.deadLetterTopic(), 1, Duration.ofSeconds(15));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.endTotal(kafka, lane.retryTopics().get(0)) == 1);
    }

    assertThat(deadLetters).hasSize(1);
    ConsumerRecord<byte[], byte[]> doomed = deadLetters.get(0);
    assertThat(new String(doomed.key(), UTF_8)).isEqualTo("doomed");
    assertThat(header(doomed, LanesHeaders.REASON)).isEqualTo("expired");
    assertThat(header(doomed, LanesHeaders.ATTEMPT)).isEqualTo("1");
    assertThat(header(doomed, LanesHeaders.EXCEPTION_MESSAGE)).isEqualTo("service unavailable");
    assertThat(log.countOf("doomed")).as("ran once, then no retry").isEqualTo(1);
    assertThat(log.countOf("patient")).isEqualTo(1);
    assertThat(TestRuntimes.endTotal(kafka, lane.retryTopics().get(0)))
        .as("only the task without deadline waits in the retry topic")
        .isEqualTo(1);
  }

  private static byte[] task(String id, Instant createdAt, Instant deadline) {
    return CODEC.encode(
        new Task(
            id,
            "work",
            CODEC.mapper().createObjectNode(),
            createdAt,
            Task.CURRENT_SCHEMA_VERSION,
            deadline));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(UTF_8), value);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
    return record(topic, key, value.getBytes(UTF_8));
  }

  private static Map<String, ConsumerRecord<byte[], byte[]>> byKey(
      List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .collect(Collectors.toMap(record -> new String(record.key(), UTF_8), r -> r));
  }

  private static double outcome(SimpleMeterRegistry registry, String outcome) {
    return registry.get(MetricNames.TASKS).tag(MetricNames.TAG_OUTCOME, outcome).counter().count();
  }
}
