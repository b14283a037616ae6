package dev.lanes;

import static dev.lanes.DeadLetters.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaTest
class RetryIT {

  private static final Duration FIRST_DELAY = Duration.ofMillis(300);
  private static final Duration SECOND_DELAY = Duration.ofMillis(600);

  @Test
  void taskFailingTwiceSucceedsOnItsThirdAttemptViaBothRetryTopicsAndNeverEarly(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.retry");
    kafka.createTopic(topic, 3);
    int tasks = 30;
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      records.add(TaskRecords.task(topic, "key-" + i, "flaky-" + i, "flaky"));
    }
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "flaky",
                log.handler(
                    (task, context) -> {
                      if (context.attempt() <= 2) {
                        throw new IllegalStateException("attempt " + context.attempt() + " fails");
                      }
                    }))
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "retry", topic)
            .withRetry(
                RetryPolicy.of(
                    4,
                    Backoff.exponential(FIRST_DELAY, 2.0, Duration.ofSeconds(5))
                        .withJitter(Jitter.NONE)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, registry, lane)) {
      kafka.send(topic, records);
      await().atMost(Duration.ofSeconds(60)).until(() -> log.count() == 3 * tasks);
      // Every record of every topic the lane reads is committed: nothing will run again.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.committedTotal(kafka, lane) == tasks + tasks + tasks);
    }

    List<Long> overshoots = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      List<AttemptLog.Call> calls = log.of("flaky-" + i);
      assertThat(calls).extracting(AttemptLog.Call::attempt).containsExactly(1, 2, 3);
      assertThat(calls)
          .extracting(AttemptLog.Call::topic)
          .containsExactly(topic, lane.retryTopics().get(0), lane.retryTopics().get(1));
      long firstGap = calls.get(1).startMillis() - calls.get(0).endMillis();
      long secondGap = calls.get(2).startMillis() - calls.get(1).endMillis();
      assertThat(firstGap).as("retry 1 of flaky-%d is not early", i).isGreaterThanOrEqualTo(300);
      assertThat(secondGap).as("retry 2 of flaky-%d is not early", i).isGreaterThanOrEqualTo(600);
      overshoots.add(firstGap - FIRST_DELAY.toMillis());
      overshoots.add(secondGap - SECOND_DELAY.toMillis());
    }
    assertThat(retried(registry, "1")).isEqualTo(tasks);
    assertThat(retried(registry, "2")).isEqualTo(tasks);
    long[] sorted = overshoots.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "retry delay overshoot over %d retries: p50=%d ms p99=%d ms max=%d ms (early: 0)%n",
        sorted.length,
        sorted[sorted.length / 2],
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
        sorted[sorted.length - 1]);
  }

  @Test
  void aTaskWithoutIdKeepsTheIdOfItsFirstRecordOnEveryAttempt(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.noid");
    kafka.createTopic(topic, 1);
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "flaky",
                log.handler(
                    (task, context) -> {
                      if (context.attempt() <= 2) {
                        throw new IllegalStateException("attempt " + context.attempt() + " fails");
                      }
                    }))
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "noid", topic)
            .withRetry(RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(50))));

    try (LanesRuntime runtime =
        TestRuntimes.start(kafka, handlers, new SimpleMeterRegistry(), lane)) {
      kafka.send(topic, null, "{\"type\":\"noop-first\"}"); // no handler: dead-lettered
      kafka.send(topic, null, "{\"type\":\"flaky\",\"payload\":{}}");
      await().atMost(Duration.ofSeconds(30)).until(() -> log.count() == 3);
    }

    List<AttemptLog.Call> calls = log.of(topic + "-0@1");
    assertThat(calls).extracting(AttemptLog.Call::attempt).containsExactly(1, 2, 3);
  }

  @Test
  void alwaysFailingTaskLandsInDeadLetterTopicWithEveryHeaderAndItsOriginalBytes(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.dlt");
    kafka.createTopic(topic, 2);
    ProducerRecord<String, String> task = TaskRecords.task(topic, "customer-7", "doomed", "doomed");
    task.headers().add("trace-id", "abc-123".getBytes(UTF_8));
    AttemptLog log = new AttemptLog();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "doomed",
                log.handler(
                    (t, context) -> {
                      throw new IllegalStateException("payments said no");
                    }))
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "doomed", topic)
            .withRetry(RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(100))));
    long sentAt = System.currentTimeMillis();

    ConsumerRecord<byte[], byte[]> deadLetter;
    try (LanesRuntime runtime =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .workerId("worker-under-test")
            .lane(lane)
            .build()) {
      TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
      runtime.start();
      kafka.send(topic, List.of(task));
      deadLetter =
          DeadLetters.read(kafka, lane.deadLetterTopic(), 1, Duration.ofSeconds(30)).get(0);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> TestRuntimes.committedTotal(kafka, lane) == 3);
    }

    assertThat(log.countOf("doomed")).isEqualTo(3);
    assertThat(new String(deadLetter.key(), UTF_8)).isEqualTo("customer-7");
    assertThat(deadLetter.value()).isEqualTo(task.value().getBytes(UTF_8));
    assertThat(header(deadLetter, "trace-id")).isEqualTo("abc-123");
    assertThat(header(deadLetter, LanesHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
    int originalPartition = Integer.parseInt(header(deadLetter, LanesHeaders.ORIGINAL_PARTITION));
    assertThat(deadLetter.partition()).isEqualTo(originalPartition);
    assertThat(header(deadLetter, LanesHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
    assertThat(Long.parseLong(header(deadLetter, LanesHeaders.ORIGINAL_TIMESTAMP)))
        .isBetween(sentAt - 1000, System.currentTimeMillis());
    assertThat(header(deadLetter, LanesHeaders.ATTEMPT)).isEqualTo("3");
    assertThat(Long.parseLong(header(deadLetter, LanesHeaders.FIRST_FAILURE)))
        .isBetween(sentAt, System.currentTimeMillis());
    assertThat(header(deadLetter, LanesHeaders.DUE)).isNull();
    assertThat(header(deadLetter, LanesHeaders.EXCEPTION_CLASS))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(header(deadLetter, LanesHeaders.EXCEPTION_MESSAGE)).isEqualTo("payments said no");
    assertThat(header(deadLetter, LanesHeaders.EXCEPTION_STACKTRACE))
        .startsWith("java.lang.IllegalStateException: payments said no")
        .hasSizeLessThanOrEqualTo(LanesHeaders.MAX_STACKTRACE_CHARS);
    assertThat(header(deadLetter, LanesHeaders.CATEGORY)).isEqualTo("exhausted");
    assertThat(header(deadLetter, LanesHeaders.REASON)).isEqualTo("exhausted");
    assertThat(header(deadLetter, LanesHeaders.GROUP)).isEqualTo(lane.groupId());
    assertThat(header(deadLetter, LanesHeaders.WORKER)).isEqualTo("worker-under-test");
    for (String name :
        Arrays.asList(
            LanesHeaders.ORIGINAL_TOPIC,
            LanesHeaders.ATTEMPT,
            LanesHeaders.EXCEPTION_CLASS,
            LanesHeaders.EXCEPTION_STACKTRACE,
            "trace-id")) {
      assertThat(DeadLetters.occurrences(deadLetter.headers(), name)).as(name).isEqualTo(1);
    }
  }

  private static double retried(SimpleMeterRegistry registry, String attempt) {
    return registry
        .get(MetricNames.TASKS_RETRIED)
        .tag(MetricNames.TAG_ATTEMPT, attempt)
        .counter()
        .count();
  }
}
