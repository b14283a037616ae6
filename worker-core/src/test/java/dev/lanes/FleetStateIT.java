package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.embedded.EmbeddedKafkaBroker;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.internal.fleet.Fleet;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicNames;
import dev.lanes.topics.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A running worker's state on {@code lanes.fleet}, and a worker that runs without it. */
@KafkaTest
class FleetStateIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration INTERVAL = Duration.ofMillis(500);

  private final FleetCodec codec = new FleetCodec();

  @Test
  void aRunningWorkersReportAppearsOnTheFleetTopicAndATombstoneAfterClose(TestKafka kafka) {
    new TopicProvisioner(kafka.admin(), WAIT)
        .provision(TopicCatalog.defaults().withReplication((short) 1, 1).fleetTopics());
    String topic = kafka.uniqueName("tasks.fleet");
    kafka.createTopic(topic, 2);
    LaneConfig lane = TestRuntimes.lane(kafka, "fleet", topic);
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    String workerId = kafka.uniqueName("worker");
    AtomicInteger handled = new AtomicInteger();

    try (KafkaConsumer<byte[], byte[]> reader = fleetReader(kafka.bootstrapServers())) {
      LanesRuntime runtime =
          builder(kafka.bootstrapServers(), handled, lane).workerId(workerId).build().start();
      try {
        kafka.send(topic, TaskRecords.tasks(topic, "t", "count", 10));
        await().atMost(WAIT).until(() -> handled.get() == 10);

        List<WorkerReport> reports = new ArrayList<>();
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  reports.addAll(reportsOf(reader, workerId));
                  WorkerReport last = reports.get(reports.size() - 1);
                  assertThat(last.lane("fleet")).isNotNull();
                  assertThat(last.lane("fleet").group()).isEqualTo(lane.groupId());
                  assertThat(last.lane("fleet").partitions())
                      .contains(topic + "-0", topic + "-1", lane.retryTopics().get(0) + "-0");
                });
        assertThat(reports.get(reports.size() - 1).interval()).isEqualTo(INTERVAL);
        assertThat(reports.get(reports.size() - 1).startedAt()).isNotNull();
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(runtime.liveWorkers().get())
                        .extracting(WorkerReport::workerId)
                        .contains(workerId));
      } finally {
        runtime.close();
      }

      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(tombstoneSeen(reader, workerId)).isTrue());
    }
  }

  @Test
  void aWorkerWithoutTheFleetTopicsStartsWorksAndSaysSoOnce() throws Exception {
    Logger fleetLog = (Logger) LoggerFactory.getLogger(Fleet.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    fleetLog.addAppender(logged);
    // A broker of its own: on the shared one, other tests make the fleet topics.
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String topic = "tasks.alone";
      LaneConfig lane =
          LaneConfig.of("alone", topic)
              .withGroupId("alone")
              .withCommitInterval(Duration.ofMillis(200));
      createTopics(broker.bootstrapServers(), lane);
      AtomicInteger handled = new AtomicInteger();

      try (LanesRuntime runtime =
          builder(broker.bootstrapServers(), handled, lane).build().start()) {
        sendTasks(broker.bootstrapServers(), topic, 5);
        await().atMost(WAIT).until(() -> handled.get() == 5);
        assertThat(runtime.liveWorkers().get()).isEmpty();
      }
    } finally {
      fleetLog.detachAppender(logged);
    }
    List<String> warnings = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("fleet state off")
        .contains(TopicNames.FLEET)
        .contains("lanes topics apply");
  }

  private static LanesRuntime.Builder builder(
      String bootstrap, AtomicInteger handled, LaneConfig lane) {
    return LanesRuntime.builder()
        .bootstrapServers(bootstrap)
        .handlers(
            HandlerRegistry.builder()
                .register("count", (task, context) -> handled.incrementAndGet())
                .build())
        .meterRegistry(new SimpleMeterRegistry())
        .consumerProperty("heartbeat.interval.ms", 300)
        .consumerProperty("session.timeout.ms", 6000)
        .fleetInterval(INTERVAL)
        .lane(lane);
  }

  private List<WorkerReport> reportsOf(KafkaConsumer<byte[], byte[]> reader, String workerId) {
    List<WorkerReport> reports = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
      if (isOf(record, workerId) && record.value() != null) {
        reports.add(codec.decodeWorker(record.value()));
      }
    }
    return reports;
  }

  private static boolean tombstoneSeen(KafkaConsumer<byte[], byte[]> reader, String workerId) {
    boolean seen = false;
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
      if (isOf(record, workerId)) {
        seen = record.value() == null;
      }
    }
    return seen;
  }

  private static boolean isOf(ConsumerRecord<byte[], byte[]> record, String workerId) {
    return record.key() != null
        && workerId.equals(new String(record.key(), StandardCharsets.UTF_8));
  }

  private static KafkaConsumer<byte[], byte[]> fleetReader(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        reader.partitionsFor(TopicNames.FLEET).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    reader.assign(partitions);
    // Only what this test's worker publishes from now on matters; earlier tests left theirs.
    reader.seekToEnd(partitions);
    partitions.forEach(reader::position);
    return reader;
  }

  private static void createTopics(String bootstrap, LaneConfig lane) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              lane.allTopics().stream().map(name -> new NewTopic(name, 1, (short) 1)).toList())
          .all()
          .get();
    }
  }

  private static void sendTasks(String bootstrap, String topic, int count) {
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "key.serializer",
                org.apache.kafka.common.serialization.StringSerializer.class,
                "value.serializer",
                org.apache.kafka.common.serialization.StringSerializer.class))) {
      TaskRecords.tasks(topic, "t", "count", count).forEach(producer::send);
    }
  }
}
