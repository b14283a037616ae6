package dev.lanes.app.produce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Task;
import dev.lanes.task.TaskCodec;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

@KafkaTest
class TaskSenderIT {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final TaskCodec codec = new TaskCodec();

  @Test
  void sendsCountCopiesWithTheKeyAtTheRateAndWaitsForEveryAcknowledgement(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.send-it");
    kafka.createTopic(topic, 3);
    long start = System.nanoTime();

    SendResult result =
        sender(kafka, Map.of())
            .sendCopies(
                topic,
                "sleep",
                codec.mapper().createObjectNode().put("ms", 1),
                25,
                SendOptions.defaults().withKey("order-7").withRate(10));

    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result).isEqualTo(new SendResult(topic, 25, 25, 0, null));
    assertThat(result.succeeded()).isTrue();
    // 25 records at 10/s: the last one may go 2.4 s after the first. Only a lower bound: a slow
    // machine may take longer, never less.
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(2300));
    String text = output.toString(UTF_8);
    assertThat(text).containsPattern("(?m)^sent \\d+/25, acknowledged \\d+ \\.\\.\\.$");
    assertThat(text).endsWith("acknowledged 25 records to " + topic + System.lineSeparator());

    List<ConsumerRecord<String, String>> records = kafka.consumeAll(topic, 25, READ_TIMEOUT);
    assertThat(records).extracting(ConsumerRecord::key).containsOnly("order-7");
    assertThat(records)
        .extracting(ConsumerRecord::partition)
        .as("one key, one partition")
        .containsOnly(records.get(0).partition());
    List<Task> tasks =
        records.stream().map(r -> codec.decode(r.value().getBytes(UTF_8), 0)).toList();
    assertThat(tasks).extracting(Task::type).containsOnly("sleep");
    assertThat(tasks).extracting(t -> t.payload().get("ms").asInt()).containsOnly(1);
    assertThat(tasks).extracting(Task::id).doesNotHaveDuplicates();
  }

  @Test
  void sendsParsedLinesInInputOrder(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.send-it");
    kafka.createTopic(topic, 1);
    List<Task> tasks =
        new TaskLines(codec, Clock.systemUTC())
            .parse(
                new StringReader(
                    "{\"id\":\"a\",\"type\":\"email\"}\n# skip\n{\"ms\":5}\n{\"id\":\"c\",\"type\":\"echo\"}\n"),
                "sleep");

    SendResult result = sender(kafka, Map.of()).send(topic, tasks, SendOptions.defaults());

    assertThat(result.succeeded()).isTrue();
    List<ConsumerRecord<String, String>> records = kafka.consumeAll(topic, 3, READ_TIMEOUT);
    assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
    assertThat(records)
        .extracting(r -> codec.decode(r.value().getBytes(UTF_8), 0).id())
        .containsExactly("a", tasks.get(1).id(), "c");
    assertThat(output.toString(UTF_8))
        .isEqualTo("acknowledged 3 records to " + topic + System.lineSeparator());
  }

  @Test
  void aFailedSendSaysHowManyWereAcknowledgedAndWhichFailedFirst(TestKafka kafka) {
    String missing = kafka.uniqueName("tasks.send-it-missing");
    // The broker never auto-creates topics: metadata for this one never comes.
    Map<String, Object> fastFailure = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);

    SendResult result =
        sender(kafka, fastFailure)
            .sendCopies(
                missing, "sleep", codec.mapper().createObjectNode(), 3, SendOptions.defaults());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.acknowledged()).isZero();
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.firstFailure())
        .hasMessageStartingWith("task #1 (id ")
        .hasMessageContaining(") to " + missing + " failed: ")
        .hasMessageContaining("not present in metadata");
    assertThat(output.toString(UTF_8))
        .contains(
            "acknowledged 0 of 3 records to "
                + missing
                + "; 1 failed, 2 not sent after the first failure")
        .contains("first failure: task #1 (id ");
  }

  @Test
  void deadlineAfterStampsEachTaskWithSendTimePlusTheDuration(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.send-deadline");
    kafka.createTopic(topic, 1);
    Instant sentAt = Instant.parse("2026-11-27T10:00:00Z");
    TaskSender sender =
        new TaskSender(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new PrintStream(output, true, UTF_8),
            Clock.fixed(sentAt, ZoneOffset.UTC));

    SendResult result =
        sender.sendCopies(
            topic,
            "sleep",
            codec.mapper().createObjectNode(),
            2,
            SendOptions.defaults().withDeadlineAfter(Duration.ofSeconds(30)));

    assertThat(result.succeeded()).isTrue();
    assertThat(kafka.consumeAll(topic, 2, READ_TIMEOUT))
        .extracting(r -> codec.decode(r.value().getBytes(UTF_8), 0).deadline())
        .containsOnly(Instant.parse("2026-11-27T10:00:30Z"));
  }

  private TaskSender sender(TestKafka kafka, Map<String, Object> extra) {
    Map<String, Object> client = new HashMap<>(extra);
    client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return new TaskSender(client, new PrintStream(output, true, UTF_8), Clock.systemUTC());
  }
}
