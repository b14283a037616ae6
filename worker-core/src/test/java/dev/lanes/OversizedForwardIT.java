package dev.lanes;

import static dev.lanes.DeadLetters.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@KafkaTest
class OversizedForwardIT {

  /** The catalog's limit for retry and dead-letter topics, and the forwarding producer's. */
  private static final int FORWARD_LIMIT = 2 * 1024 * 1024;

  private final Logger forwarderLog =
      (Logger) LoggerFactory.getLogger("dev.lanes.internal.forward.Forwarder");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logged.start();
    forwarderLog.addAppender(logged);
  }

  @AfterEach
  void releaseLogs() {
    forwarderLog.detachAppender(logged);
  }

  @Test
  void aRecordTooLargeWithDiagnosticsIsDeadLetteredWithoutThemAndOneTooLargeAnywayBlocksLoudly(
      TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.big");
    // The main topic takes larger records than the dead-letter topic: a misconfiguration.
    kafka.createTopic(topic, 1, Map.of("max.message.bytes", Integer.toString(4 * FORWARD_LIMIT)));
    // The blocked record stays in flight: shutdown waits its grace for it, then leaves it to the
    // next owner.
    LaneConfig lane =
        TestRuntimes.lane(kafka, "big", topic)
            .withRetry(RetryPolicy.noRetries())
            .withShutdownGrace(Duration.ofSeconds(1));
    kafka.createTopic(
        lane.deadLetterTopic(), 1, Map.of("max.message.bytes", Integer.toString(FORWARD_LIMIT)));
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "big",
                log.handler(
                    (task, context) -> {
                      // Its message alone takes the diagnostics headers past 1 kB.
                      throw new IllegalStateException("too big to handle " + "!".repeat(5_000));
                    }))
            .register("small", log.handler((task, context) -> {}))
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Fits the limit without the stack trace header, not with it.
    byte[] fitsWithoutDiagnostics = bigTask("fits", FORWARD_LIMIT - 1_200);
    byte[] neverFits = bigTask("never", FORWARD_LIMIT + 100_000);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, lane)) {
      DeadLetters.sendRaw(
          kafka,
          List.of(
              new ProducerRecord<>(topic, fitsWithoutDiagnostics),
              new ProducerRecord<>(topic, neverFits),
              new ProducerRecord<>(
                  topic,
                  TaskRecords.task(topic, null, "small-1", "small").value().getBytes(UTF_8))),
          Map.of("max.request.size", 4 * FORWARD_LIMIT));

      ConsumerRecord<byte[], byte[]> deadLetter =
          DeadLetters.read(kafka, lane.deadLetterTopic(), 1, Duration.ofSeconds(30)).get(0);
      assertThat(deadLetter.value()).isEqualTo(fitsWithoutDiagnostics);
      assertThat(header(deadLetter, LanesHeaders.EXCEPTION_CLASS))
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(header(deadLetter, LanesHeaders.EXCEPTION_STACKTRACE)).isNull();

      await().atMost(Duration.ofSeconds(30)).until(() -> log.countOf("small-1") == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  logged.list.stream()
                      .anyMatch(
                          event ->
                              event.getLevel() == Level.ERROR
                                  && event.getFormattedMessage().contains("at=" + topic + "-0@1")));
      // The record that cannot be forwarded is not skipped: the commit stops in front of it.
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Long.valueOf(1)
                      .equals(
                          kafka
                              .committedOffsets(lane.groupId())
                              .get(new TopicPartition(topic, 0))));
    }
    assertThat(registry.get(MetricNames.FORWARD_FAILURES).counter().count()).isPositive();
  }

  private static byte[] bigTask(String id, int size) {
    String prefix = "{\"id\":\"" + id + "\",\"type\":\"big\",\"payload\":{\"blob\":\"";
    String suffix = "\"}}";
    return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(UTF_8);
  }
}
