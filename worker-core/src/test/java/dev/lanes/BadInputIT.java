package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@KafkaTest
class BadInputIT {

  private final Logger invokerLog =
      (Logger) LoggerFactory.getLogger("dev.lanes.internal.invoke.TaskInvoker");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logged.start();
    invokerLog.addAppender(logged);
  }

  @AfterEach
  void releaseLogs() {
    invokerLog.detachAppender(logged);
  }

  @Test
  void badRecordsAreLoggedCountedAndPassedWhileGoodOnesRun(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.bad");
    kafka.createTopic(topic, 1);
    List<ProducerRecord<String, String>> records =
        List.of(
            TaskRecords.task(topic, null, "good-1", "work"),
            TaskRecords.raw(topic, "this is {not json"),
            TaskRecords.task(topic, null, "good-2", "work"),
            TaskRecords.raw(topic, "{\"id\":\"no-type\",\"payload\":{}}"),
            TaskRecords.task(topic, null, "good-3", "work"),
            TaskRecords.raw(topic, "{\"id\":\"who\",\"type\":\"no-such-handler\"}"),
            TaskRecords.task(topic, null, "good-4", "work"));
    kafka.send(topic, records);

    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("work", journal.recording((task, context) -> {}))
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, lane)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == 4);
      // The lane is not stuck: the offset moves past every bad record.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.committedTotal(kafka, lane.groupId()) == records.size());

      kafka.send(topic, List.of(TaskRecords.task(topic, null, "good-5", "work")));
      await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == 5);
    }

    assertThat(journal.ids())
        .containsExactlyInAnyOrder("good-1", "good-2", "good-3", "good-4", "good-5");
    assertThat(
            registry
                .get(MetricNames.TASKS)
                .tags(MetricNames.TAG_TYPE, "work", MetricNames.TAG_OUTCOME, "succeeded")
                .counter()
                .count())
        .isEqualTo(5);
    assertThat(
            registry
                .get(MetricNames.HANDLER_DURATION)
                .tag(MetricNames.TAG_TYPE, "work")
                .functionTimer()
                .count())
        .isEqualTo(5);
    assertThat(registry.get(MetricNames.COMMIT_LATENCY).timer().count()).isPositive();
    assertThat(rejected(registry, "not_json")).isEqualTo(1);
    assertThat(rejected(registry, "missing_type")).isEqualTo(1);
    assertThat(rejected(registry, "unknown_type")).isEqualTo(1);
    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(line -> line.startsWith("task rejected"))
        .map(line -> line.substring(0, line.indexOf(" detail=")))
        .containsExactlyInAnyOrder(
            rejection(topic, 1, "not_json"),
            rejection(topic, 3, "missing_type"),
            rejection(topic, 5, "unknown_type"));
  }

  private static String rejection(String topic, int offset, String reason) {
    return "task rejected lane=batch at=" + topic + "-0@" + offset + " reason=" + reason;
  }

  private static double rejected(SimpleMeterRegistry registry, String reason) {
    return registry
        .get(MetricNames.TASKS_REJECTED)
        .tag(MetricNames.TAG_REASON, reason)
        .counter()
        .count();
  }
}
