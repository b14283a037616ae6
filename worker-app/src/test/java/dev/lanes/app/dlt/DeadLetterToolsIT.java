package dev.lanes.app.dlt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LanesHeaders;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KafkaTest
class DeadLetterToolsIT {

  private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, 0x22};

  private final Instant now = Instant.now();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, UTF_8);
  private TestKafka kafka;
  private String main;
  private String dlt;
  private Map<String, Object> client;

  @BeforeEach
  void deadLettersOfFourTasksAndOneRecordThatIsNoTask(TestKafka kafka) {
    this.kafka = kafka;
    main = kafka.uniqueName("tasks.dlt-it");
    dlt = TopicNames.deadLetter(main);
    client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    kafka.createTopics(List.of(main, TopicNames.retry(main, 1), dlt), 2);
    produce(
        List.of(
            DeadLetterRecords.task(main, "t-1", "charge")
                .partition(0)
                .key("order-1")
                .userHeader("trace-id", "trace-1")
                .exhausted(4, new IOException("payment service said 503"))
                .timestamp(now.minus(Duration.ofHours(3))),
            DeadLetterRecords.task(main, "t-2", "charge")
                .partition(1)
                .key("order-2")
                .userHeader("trace-id", "trace-2")
                .fatal("fatal", new IllegalArgumentException("card number is not valid"))
                .timestamp(now.minus(Duration.ofMinutes(5))),
            DeadLetterRecords.task(main, "t-3", "email")
                .partition(0)
                .timestamp(now.minus(Duration.ofMinutes(4))),
            DeadLetterRecords.raw(main, NOT_UTF8)
                .partition(1)
                .key("raw-1")
                .timestamp(now.minus(Duration.ofMinutes(3))),
            DeadLetterRecords.task(main, "t-4", "charge")
                .partition(0)
                .key("order-4")
                .timestamp(now.minus(Duration.ofMinutes(2)))));
  }

  @Test
  void listsOldestFirstFilteredByTypeReasonAgeAndLimit() {
    DeadLetterReader reader = reader();

    assertThat(ids(reader.read(DeadLetterFilter.defaults())))
        .containsExactly("t-1", "t-2", "t-3", null, "t-4");
    assertThat(ids(reader.read(DeadLetterFilter.defaults().withType("charge"))))
        .containsExactly("t-1", "t-2", "t-4");
    assertThat(reader.read(DeadLetterFilter.defaults().withReason("not_json")))
        .singleElement()
        .satisfies(deadLetter -> assertThat(deadLetter.key()).isEqualTo("raw-1"));
    assertThat(ids(reader.read(DeadLetterFilter.defaults().withSince(Duration.ofHours(1)))))
        .containsExactly("t-2", "t-3", null, "t-4");
    assertThat(ids(reader.read(DeadLetterFilter.defaults().withType("charge").withLimit(2))))
        .containsExactly("t-1", "t-2");
  }

  @Test
  void readingStopsAtTheEndItFoundWithoutWaitingForMore() {
    long start = System.nanoTime();

    assertThat(reader().read(DeadLetterFilter.defaults().withType("nobody-sends-this"))).isEmpty();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("no wait for records that may come")
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void listsAsATableAndAsJsonLines() throws IOException {
    List<DeadLetter> charges = reader().read(DeadLetterFilter.defaults().withType("charge"));
    DeadLetterTable table = new DeadLetterTable(out, Clock.systemUTC());

    table.print(charges, false);

    List<String> rows = output.toString(UTF_8).lines().toList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).startsWith("PARTITION").contains("FIRST FAILURE");
    assertThat(rows.get(1).split("\\s+"))
        .containsExactly(
            "0",
            "0",
            "t-1",
            "charge",
            "4",
            "exhausted",
            "IOException",
            "2026-11-27T09:58:30Z",
            "3h00m");
    assertThat(rows.get(2).split("\\s+")).contains("t-2", "fatal", "IllegalArgumentException");

    output.reset();
    table.print(charges, true);

    ObjectMapper mapper = new ObjectMapper();
    List<String> lines = output.toString(UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(mapper.readTree(lines.get(1)).get("task_id").asText()).isEqualTo("t-2");
    assertThat(mapper.readTree(lines.get(1)).get("reason").asText()).isEqualTo("fatal");
    assertThat(mapper.readTree(lines.get(0)).get("age_seconds").asLong())
        .isBetween(10_800L, 11_000L);
  }

  @Test
  void showsATaskAsPrettyJsonAndBytesAsAHexDump() {
    DeadLetterReader reader = reader();
    DeadLetterDetail detail = new DeadLetterDetail(out, Clock.systemUTC());

    detail.print(reader.find(1, 0));

    assertThat(output.toString(UTF_8))
        .contains("dead letter    " + dlt + "-1@0")
        .contains("task id        t-2")
        .contains("  lanes.reason: fatal")
        .contains("  trace-id: trace-2")
        .contains("stack trace:\n  java.lang.IllegalArgumentException: card number is not valid")
        .contains("  \"payload\" : {\n    \"amount\" : 42,");

    output.reset();
    detail.print(reader.find(1, 1));

    assertThat(output.toString(UTF_8))
        .contains("reason         not_json")
        .contains("payload (5 bytes, not UTF-8 JSON):")
        .contains("00000000  ff fe 00 7b 22");
  }

  @Test
  void findNamesWhatIsMissing() {
    DeadLetterReader reader = reader();

    assertThatThrownBy(() -> reader.find(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset 3 is out of range for " + dlt + "-0, which holds offsets 0..2");
    assertThatThrownBy(() -> reader.find(2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partition 2 does not exist in " + dlt + ", which has partitions 0..1");
    DeadLetterReader nowhere =
        new DeadLetterReader(client, TopicNames.deadLetter(main + "-typo"), Clock.systemUTC());
    assertThatThrownBy(() -> nowhere.read(DeadLetterFilter.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topic " + main + "-typo.dlt does not exist");
    assertThatThrownBy(
            () ->
                new DeadLetterReplayer(client, main + "-typo", out, Clock.systemUTC())
                    .replay(DeadLetterFilter.all(), ReplayTarget.MAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dead-letter topic " + main + "-typo.dlt does not exist");
    assertThat(kafka.topicExists(TopicNames.replayLog(main + "-typo"))).isFalse();
  }

  @Test
  void replayToMainWritesTheRecordsAsFirstProducedWithWhereTheyCameFrom() {
    List<DeadLetter> charges = reader().read(DeadLetterFilter.defaults().withType("charge"));

    ReplayResult result =
        replayer().replay(DeadLetterFilter.defaults().withType("charge"), ReplayTarget.MAIN);

    assertThat(result).isEqualTo(new ReplayResult(main, 3, 0, 0, null, false));
    assertThat(output.toString(UTF_8))
        .contains("replayed " + dlt + "-0@0 -> " + main + "-0@")
        .contains("(task t-1, type charge)")
        .contains("replayed 3, skipped 0 already replayed, to " + main);
    List<ConsumerRecord<byte[], byte[]>> replayed = read(main, 3);
    for (DeadLetter deadLetter : charges) {
      ConsumerRecord<byte[], byte[]> record =
          replayed.stream()
              .filter(r -> deadLetter.position().equals(header(r, LanesHeaders.REPLAYED_FROM)))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no replay of " + deadLetter.position()));
      assertThat(record.partition()).isEqualTo(deadLetter.partition());
      assertThat(record.key()).isEqualTo(deadLetter.keyBytes());
      assertThat(record.value()).isEqualTo(deadLetter.value());
      List<String> expectedHeaders = new ArrayList<>();
      deadLetter.userHeaders().forEach(h -> expectedHeaders.add(h.key()));
      expectedHeaders.add(LanesHeaders.REPLAYED_FROM);
      assertThat(record.headers().toArray())
          .as("user headers and replayed-from, no other runtime header")
          .extracting(Header::key)
          .containsExactlyElementsOf(expectedHeaders);
    }
  }

  @Test
  void replayingAgainSkipsWhatWasReplayedAndTakesOnlyNewDeadLetters() {
    DeadLetterReplayer replayer = replayer();

    assertThat(replayer.replay(DeadLetterFilter.defaults().withLimit(2), ReplayTarget.MAIN))
        .isEqualTo(new ReplayResult(main, 2, 0, 0, null, false));
    assertThat(replayer.replay(DeadLetterFilter.all(), ReplayTarget.MAIN))
        .as("the limit counted only dead letters not replayed before")
        .isEqualTo(new ReplayResult(main, 3, 2, 0, null, false));
    output.reset();
    assertThat(replayer.replay(DeadLetterFilter.all(), ReplayTarget.MAIN))
        .isEqualTo(new ReplayResult(main, 0, 5, 0, null, false));
    assertThat(output.toString(UTF_8))
        .isEqualTo("replayed 0, skipped 5 already replayed, to " + main + System.lineSeparator());

    produce(List.of(DeadLetterRecords.task(main, "t-5", "charge").partition(1)));

    assertThat(replayer.replay(DeadLetterFilter.all(), ReplayTarget.MAIN))
        .isEqualTo(new ReplayResult(main, 1, 5, 0, null, false));
    assertThat(endOffsetSum(main)).as("each dead letter replayed exactly once").isEqualTo(6);
    assertThat(cleanupPolicy(TopicNames.replayLog(main)))
        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  @Test
  void dryRunSaysWhatItWouldDoAndSendsNothing() {
    ReplayResult result =
        replayer().dryRun(DeadLetterFilter.defaults().withType("charge"), ReplayTarget.RETRY);

    String retry = TopicNames.retry(main, 1);
    assertThat(result).isEqualTo(new ReplayResult(retry, 3, 0, 0, null, true));
    assertThat(output.toString(UTF_8))
        .contains("would replay " + dlt + "-0@0 -> " + retry + "-0 (task t-1, type charge)")
        .contains(
            "dry run: would have replayed 3, skipped 0 already replayed, to "
                + retry
                + "; nothing sent");
    assertThat(endOffsetSum(retry)).isZero();
    assertThat(kafka.topicExists(TopicNames.replayLog(main))).isFalse();
  }

  @Test
  void replayToRetryGoesToTheFirstRetryTopic() {
    String retry = TopicNames.retry(main, 1);

    ReplayResult result =
        replayer().replay(DeadLetterFilter.defaults().withReason("not_json"), ReplayTarget.RETRY);

    assertThat(result).isEqualTo(new ReplayResult(retry, 1, 0, 0, null, false));
    ConsumerRecord<byte[], byte[]> record = read(retry, 1).get(0);
    assertThat(record.value()).isEqualTo(NOT_UTF8);
    assertThat(record.partition()).isEqualTo(1);
    assertThat(header(record, LanesHeaders.ATTEMPT)).isNull();
    assertThat(endOffsetSum(main)).isZero();
  }

  private DeadLetterReader reader() {
    return new DeadLetterReader(client, dlt, Clock.systemUTC());
  }

  private DeadLetterReplayer replayer() {
    return new DeadLetterReplayer(client, main, out, Clock.systemUTC());
  }

  private static List<String> ids(List<DeadLetter> deadLetters) {
    return deadLetters.stream().map(DeadLetter::taskId).toList();
  }

  private void produce(List<DeadLetterRecords> deadLetters) {
    Map<String, Object> config = kafka.producerConfig();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      deadLetters.forEach(deadLetter -> acks.add(producer.send(deadLetter.toProducerRecord())));
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError("could not produce dead letters: " + e, e);
    }
  }

  /** Reads {@code count} records from the beginning, as bytes; fails if fewer arrive. */
  private List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
    Map<String, Object> config = kafka.consumerConfig(kafka.uniqueName("read"));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < count && System.nanoTime() - deadline < 0) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    assertThat(records).as("records in " + topic).hasSize(count);
    return records;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private long endOffsetSum(String topic) {
    return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  private String cleanupPolicy(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Config config =
          kafka
              .admin()
              .describeConfigs(List.of(resource))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get(resource);
      return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    } catch (Exception e) {
      throw new AssertionError("cannot describe the configs of " + topic + ": " + e, e);
    }
  }
}
