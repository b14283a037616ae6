package dev.lanes;

import static dev.lanes.DeadLetters.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaTest
class DeadLetterIT {

  @Test
  void fatalErrorsAndPoisonPillsGoStraightToTheDeadLetterTopicWhileGoodRecordsRun(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.poison");
    kafka.createTopic(topic, 1);
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3};
    List<ProducerRecord<byte[], byte[]>> records =
        List.of(
            record(topic, "p-1", TaskRecords.task(topic, null, "good-1", "work").value()),
            record(topic, "p-2", TaskRecords.task(topic, null, "refused", "refuse").value()),
            record(topic, "p-3", "this is {not json"),
            record(topic, "p-4", TaskRecords.task(topic, null, "good-2", "work").value()),
            record(topic, "p-5", "{\"id\":\"who\",\"type\":\"no-such-handler\"}"),
            new ProducerRecord<>(topic, "p-6".getBytes(UTF_8), notUtf8),
            record(topic, "p-7", "{\"id\":\"no-type\",\"payload\":{}}"),
            record(topic, "p-8", TaskRecords.task(topic, null, "good-3", "work").value()),
            record(topic, "p-9", "{\"id\":\"two\",\"type\":\"work\"} {\"type\":\"work\"}"),
            record(topic, "p-10", "{\"id\":\"inf\",\"type\":\"work\",\"payload\":1e999999999}"));
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("work", log.handler((task, context) -> {}))
            .register(
                "refuse",
                log.handler(
                    (task, context) -> {
                      throw new NonRetryableException("account closed");
                    }))
            .build();
    LaneConfig lane = TestRuntimes.lane(kafka, "poison", topic);

    List<ConsumerRecord<byte[], byte[]>> deadLetters;
    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      DeadLetters.sendRaw(kafka, records);
      deadLetters = DeadLetters.read(kafka, lane.deadLetterTopic(), 7, Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.committedTotal(kafka, lane.groupId()) == records.size());
    }

    assertThat(log.countOf("good-1") + log.countOf("good-2") + log.countOf("good-3")).isEqualTo(3);
    assertThat(log.countOf("refused")).as("a fatal failure is never retried").isEqualTo(1);
    for (String retryTopic : lane.retryTopics()) {
      assertThat(TestRuntimes.endTotal(kafka, retryTopic)).as(retryTopic).isZero();
    }
    Map<String, ConsumerRecord<byte[], byte[]>> byKey =
        deadLetters.stream()
            .collect(Collectors.toMap(record -> new String(record.key(), UTF_8), r -> r));
    assertThat(byKey).containsOnlyKeys("p-2", "p-3", "p-5", "p-6", "p-7", "p-9", "p-10");
    assertThat(header(byKey.get("p-2"), LanesHeaders.REASON)).isEqualTo("fatal");
    assertThat(header(byKey.get("p-2"), LanesHeaders.EXCEPTION_MESSAGE))
        .isEqualTo("account closed");
    assertThat(header(byKey.get("p-3"), LanesHeaders.REASON)).isEqualTo("not_json");
    assertThat(header(byKey.get("p-5"), LanesHeaders.REASON)).isEqualTo("unknown_type");
    assertThat(header(byKey.get("p-6"), LanesHeaders.REASON)).isEqualTo("not_json");
    assertThat(header(byKey.get("p-7"), LanesHeaders.REASON)).isEqualTo("missing_type");
    assertThat(header(byKey.get("p-9"), LanesHeaders.REASON)).isEqualTo("trailing_data");
    assertThat(header(byKey.get("p-10"), LanesHeaders.REASON)).isEqualTo("number_out_of_range");
    assertThat(header(byKey.get("p-10"), LanesHeaders.EXCEPTION_MESSAGE))
        .isEqualTo(
            "number 1e999999999 at /payload is beyond the range of a double (about ±1.8e308)");
    assertThat(byKey.get("p-6").value()).as("raw bytes unchanged").isEqualTo(notUtf8);
    for (ProducerRecord<byte[], byte[]> sent : records) {
      ConsumerRecord<byte[], byte[]> deadLetter = byKey.get(new String(sent.key(), UTF_8));
      if (deadLetter != null) {
        assertThat(deadLetter.value()).isEqualTo(sent.value());
        assertThat(header(deadLetter, LanesHeaders.ATTEMPT)).isEqualTo("1");
        assertThat(header(deadLetter, LanesHeaders.CATEGORY)).isEqualTo("fatal");
        assertThat(header(deadLetter, LanesHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
      }
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
    return new ProducerRecord<>(topic, key.getBytes(UTF_8), value.getBytes(UTF_8));
  }
}
