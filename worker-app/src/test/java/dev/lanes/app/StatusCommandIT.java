package dev.lanes.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.DependencyView;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes status} against a real broker: the test plays the fleet, writing worker and
 * dependency reports to the fleet topics itself, and leaves lag and dead letters on a lane.
 */
@KafkaTest
class StatusCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FleetCodec CODEC = new FleetCodec();

  @TempDir Path dir;
  private TestKafka kafka;
  private String lane;
  private String[] cluster;

  @BeforeEach
  void laneAndFleetTopics(TestKafka kafka) {
    this.kafka = kafka;
    lane = kafka.uniqueName("status");
    Path config = CliRun.laneConfig(dir, lane, 2);
    cluster =
        new String[] {
          "--bootstrap-server", kafka.bootstrapServers(), "--config", config.toString()
        };
    CliRun apply = CliRun.of(with("topics", "apply"));
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    for (String topic : List.of(TopicNames.FLEET, TopicNames.DEPENDENCIES)) {
      if (!kafka.topicExists(topic)) {
        kafka.createTopic(topic, 3, Map.of("cleanup.policy", "compact"));
      }
    }
  }

  @Test
  void jsonListsLiveWorkersLanesAndDependenciesAndExitsOneWhileADependencyIsOpen()
      throws Exception {
    String main = TopicNames.main(lane);
    String live = kafka.uniqueName("worker-live");
    String gone = kafka.uniqueName("worker-gone");
    String dependency = kafka.uniqueName("payments");
    Instant now = Instant.now();
    // Lag: 6 tasks on partition 0, the lane's group committed 2 of them; 3 on partition 1, which
    // the live worker has paused on the dependency.
    for (int i = 0; i < 6; i++) {
      kafka.send(main, List.of(new ProducerRecord<>(main, 0, "k" + i, "{}")));
    }
    for (int i = 0; i < 3; i++) {
      kafka.send(main, List.of(new ProducerRecord<>(main, 1, "k" + i, "{}")));
    }
    kafka
        .admin()
        .alterConsumerGroupOffsets(
            "lanes." + lane, Map.of(new TopicPartition(main, 0), new OffsetAndMetadata(2)))
        .all()
        .get(30, TimeUnit.SECONDS);
    kafka.send(TopicNames.deadLetter(main), "k", "{\"id\":\"t-1\"}");
    LaneReport laneReport =
        new LaneReport(
            lane,
            "lanes." + lane,
            List.of(main + "-0", main + "-1"),
            4,
            9,
            4,
            12.5,
            List.of(PausedPartition.onDependency(main + "-1", dependency)));
    WorkerReport liveReport =
        new WorkerReport(
            live,
            "pod-1",
            "zone-a",
            "test",
            now.minusSeconds(300),
            now,
            Duration.ofMinutes(1),
            List.of(laneReport),
            List.of(new DependencyView(dependency, "OPEN", now, 1, true)));
    WorkerReport goneReport =
        new WorkerReport(
            gone,
            "pod-2",
            null,
            "test",
            now.minusSeconds(900),
            now.minusSeconds(600),
            Duration.ofSeconds(5),
            List.of(laneReport),
            List.of());
    long malformed;
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, TopicNames.FLEET, live, CODEC.encode(liveReport));
      send(producer, TopicNames.FLEET, gone, CODEC.encode(goneReport));
      malformed =
          send(producer, TopicNames.FLEET, kafka.uniqueName("junk"), "not json".getBytes(UTF_8))
              .offset();
      send(
          producer,
          TopicNames.DEPENDENCIES,
          dependency,
          CODEC.encode(
              new DependencyReport(
                  dependency,
                  DependencyReport.OPEN,
                  now.plusSeconds(30),
                  live,
                  "5 failures",
                  now)));
    }

    CliRun open = CliRun.of(with("status", "--json"));

    assertThat(open.exitCode()).as(open.toString()).isEqualTo(1);
    assertThat(open.err()).contains("skipped record at offset " + malformed + " of lanes.fleet-");
    JsonNode document = JSON.readTree(open.out());
    JsonNode worker = find(document.get("workers"), "worker_id", live);
    assertThat(worker.get("host").textValue()).isEqualTo("pod-1");
    assertThat(worker.get("zone").textValue()).isEqualTo("zone-a");
    assertThat(worker.get("lanes").get(0).textValue()).isEqualTo(lane);
    assertThat(worker.get("started_at").textValue()).isEqualTo(now.minusSeconds(300).toString());
    assertThat(stream(document.get("workers")).map(w -> w.get("worker_id").textValue()))
        .doesNotContain(gone);
    assertThat(document.get("gone_workers").intValue()).isGreaterThanOrEqualTo(1);
    JsonNode laneNode = find(document.get("lanes"), "lane", lane);
    assertThat(laneNode.get("partitions").intValue()).isEqualTo(2);
    assertThat(laneNode.get("lag").longValue()).isEqualTo(4 + 3);
    assertThat(laneNode.get("lag_excluding_paused").longValue()).isEqualTo(4);
    assertThat(laneNode.get("in_flight").intValue()).isEqualTo(4);
    assertThat(laneNode.get("tasks_per_second").doubleValue()).isEqualTo(12.5);
    assertThat(laneNode.get("dead_letters_last_hour").longValue()).isEqualTo(1);
    assertThat(laneNode.get("live_workers").intValue()).isEqualTo(1);
    JsonNode dependencyNode = find(document.get("dependencies"), "name", dependency);
    assertThat(dependencyNode.get("state").textValue()).isEqualTo("OPEN");
    assertThat(dependencyNode.get("by").textValue()).isEqualTo(live);
    assertThat(dependencyNode.get("until").textValue()).isEqualTo(now.plusSeconds(30).toString());
    assertThat(dependencyNode.get("paused_partitions").get(live).intValue()).isEqualTo(1);
    assertThat(document.get("healthy").booleanValue()).isFalse();
    assertThat(stream(document.get("problems")).map(JsonNode::textValue))
        .contains("dependency " + dependency + " is OPEN");

    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(
          producer,
          TopicNames.DEPENDENCIES,
          dependency,
          CODEC.encode(
              new DependencyReport(
                  dependency, DependencyReport.CLOSED, null, live, "probe succeeded", now)));
    }

    CliRun closed = CliRun.of(with("status", "--json"));

    JsonNode after = JSON.readTree(closed.out());
    assertThat(find(after.get("dependencies"), "name", dependency).get("state").textValue())
        .isEqualTo("CLOSED");
    assertThat(stream(after.get("problems"))).as(closed.toString()).isEmpty();
    assertThat(closed.exitCode()).as(closed.toString()).isZero();
  }

  @Test
  void tableNamesTheLaneWithoutLiveWorker() {
    CliRun run = CliRun.of(with("status"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("LANES")
        .contains("PROBLEM: lane " + lane + " has no live worker");
  }

  @Test
  void watchPrintsOneJsonDocumentPerLineEveryTwoSeconds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream printer = new PrintStream(out, true, UTF_8);
    Thread watcher =
        new Thread(
            () ->
                LanesMain.run(
                    List.of(with("status", "--watch", "--json")),
                    printer,
                    new PrintStream(OutputStream.nullOutputStream()),
                    Map.of()));
    watcher.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(UTF_8).lines().count() >= 2);
    } finally {
      watcher.interrupt();
      watcher.join(10_000);
    }

    List<String> documents = out.toString(UTF_8).lines().limit(2).toList();
    for (String document : documents) {
      assertThat(JSON.readTree(document).has("healthy")).as(document).isTrue();
    }
  }

  private String[] with(String... command) {
    String[] args = java.util.Arrays.copyOf(command, command.length + cluster.length);
    System.arraycopy(cluster, 0, args, command.length, cluster.length);
    return args;
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> config = new HashMap<>(kafka.producerConfig());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(config);
  }

  private static RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    return producer
        .send(new ProducerRecord<>(topic, FleetCodec.key(key), value))
        .get(30, TimeUnit.SECONDS);
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    List<String> seen = new ArrayList<>();
    for (JsonNode node : array) {
      if (value.equals(node.get(field).textValue())) {
        return node;
      }
      seen.add(node.get(field).textValue());
    }
    throw new AssertionError(field + " " + value + " not listed; listed: " + seen);
  }
}
