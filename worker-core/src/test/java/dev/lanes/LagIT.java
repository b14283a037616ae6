package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.testkit.fake.FlakyHttpService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The lag gauges against the broker's own figure: log-end offset minus the group's committed
 * offset, summed over the lane's main and retry partitions, as the admin API reports it. Records
 * keep arriving while partitions are paused, so a lag taken from the consumer's last fetch falls
 * behind.
 */
@KafkaTest
class LagIT {

  private static final String API = "api";
  // Long enough that no half-open probe resumes a partition while the test compares.
  private static final DependencyPolicy BREAKER =
      DependencyPolicy.withBreaker(BreakerPolicy.failures(1).withDelay(Duration.ofSeconds(60)));
  private static final Duration SETTLE = Duration.ofSeconds(15);

  @Test
  void lagIsLogEndMinusCommittedWhileABreakerPausesThePartitions(TestKafka kafka) throws Exception {
    String topic = kafka.uniqueName("tasks.lag-breaker");
    kafka.createTopic(topic, 2);
    LaneConfig lane =
        TestRuntimes.lane(kafka, "lagbreaker", topic)
            .withRetry(RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(200))));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (FlakyHttpService fake = FlakyHttpService.start(0);
        LanesRuntime runtime = startWithBreaker(kafka, lane, registry)) {
      fake.failWith(503, 1.0);
      ObjectNode payload =
          TaskRecords.payload().put("url", fake.workUri().toString()).put("dependency", API);
      kafka.send(topic, httpTasks(topic, "before", 20, payload));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> gauge(registry, MetricNames.DEPENDENCY_PAUSED_PARTITIONS) == 2);

      // Arrives while both partitions are paused: no fetch brings news of it.
      kafka.send(topic, httpTasks(topic, "during", 60, payload));

      await()
          .atMost(SETTLE)
          .untilAsserted(
              () -> {
                long broker = brokerLag(kafka, lane);
                assertThat(broker).isGreaterThanOrEqualTo(60);
                assertThat((long) gauge(registry, MetricNames.CONSUMER_LAG))
                    .as("lanes.consumer.lag while the breaker is open")
                    .isEqualTo(broker);
              });
      assertThat(gauge(registry, MetricNames.CONSUMER_LAG_ACTIVE))
          .as("both partitions wait for the breaker: no lag more workers could run")
          .isZero();
      assertThat(runtime.health().lanes().get(0).lag()).isEqualTo(brokerLag(kafka, lane));
      await()
          .atMost(SETTLE)
          .untilAsserted(
              () ->
                  assertThat(gauge(registry, MetricNames.CONSUMER_LAG_SECONDS))
                      .as("lag in time: the oldest unfinished record ages while nothing is fetched")
                      .isGreaterThanOrEqualTo(2.0));
    }
  }

  @Test
  void lagIsLogEndMinusCommittedWhileARetryWaitsForItsDueTime(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.lag-retry");
    kafka.createTopic(topic, 1);
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "later",
                (task, context) -> {
                  throw new RetryLaterException(Duration.ofMinutes(5), "rate limited");
                })
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "lagretry", topic)
            .withRetry(
                RetryPolicy.of(
                    3,
                    Backoff.exponential(Duration.ofMillis(300), 10, Duration.ofSeconds(3))
                        .withJitter(Jitter.NONE)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, lane)) {
      kafka.send(topic, TaskRecords.tasks(topic, "first", "later", 20));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> gauge(registry, MetricNames.RETRY_WAITING_PARTITIONS) == 1);

      // Forwarded to the retry partition that already waits, paused, for its head record.
      kafka.send(topic, TaskRecords.tasks(topic, "second", "later", 20));

      await()
          .atMost(SETTLE)
          .untilAsserted(
              () -> {
                long broker = brokerLag(kafka, lane);
                assertThat(broker).isEqualTo(40);
                assertThat((long) gauge(registry, MetricNames.CONSUMER_LAG))
                    .as("lanes.consumer.lag while a retry waits")
                    .isEqualTo(broker);
                assertThat((long) gauge(registry, MetricNames.CONSUMER_LAG_ACTIVE))
                    .as("a waiting retry is not paused on a breaker")
                    .isEqualTo(broker);
              });
    }
  }

  private static List<ProducerRecord<String, String>> httpTasks(
      String topic, String prefix, int count, ObjectNode payload) {
    List<ProducerRecord<String, String>> tasks = new ArrayList<>();
    IntStream.range(0, count)
        .forEach(
            i -> {
              ProducerRecord<String, String> task =
                  TaskRecords.task(topic, null, prefix + "-" + i, DiagnosticHandlers.HTTP, payload);
              tasks.add(new ProducerRecord<>(topic, i % 2, null, task.value()));
            });
    return tasks;
  }

  private static LanesRuntime startWithBreaker(
      TestKafka kafka, LaneConfig lane, MeterRegistry registry) {
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    return LanesRuntime.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .handlers(DiagnosticHandlers.registry())
        .meterRegistry(registry)
        .dependency(API, BREAKER)
        .consumerProperty("heartbeat.interval.ms", 300)
        .consumerProperty("session.timeout.ms", 6000)
        .lane(lane)
        .build()
        .start();
  }

  /**
   * What the broker says the lane has left: per partition of its main and retry topics, log end
   * minus the committed offset of the group that consumes it (the log start where nothing is
   * committed, as {@code auto.offset.reset=earliest} would start there).
   */
  static long brokerLag(TestKafka kafka, LaneConfig lane) throws Exception {
    Admin admin = kafka.admin();
    Map<TopicPartition, Long> committed = new HashMap<>();
    for (String group : TestRuntimes.groupsOf(lane)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              committed.put(partition, offset.offset());
            }
          });
    }
    List<String> topics = new ArrayList<>();
    topics.add(lane.topic());
    topics.addAll(lane.retryTopics());
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (String topic : topics) {
      for (int p = 0; p < kafka.partitionCount(topic); p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
      }
    }
    var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    var starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
    long lag = 0;
    for (TopicPartition partition : latest.keySet()) {
      long from = committed.getOrDefault(partition, starts.get(partition).offset());
      lag += Math.max(0, ends.get(partition).offset() - from);
    }
    return lag;
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }
}
