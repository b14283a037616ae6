package dev.lanes;

import static dev.lanes.DeadLetters.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@KafkaTest
class HeaderBoundIT {

  private static final int ATTEMPTS = 20;

  @Test
  void headersStayBoundedAfterManyHops(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.hops");
    kafka.createTopic(topic, 1);
    String hugeMessage = "x".repeat(20_000);
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "hop",
                (task, context) -> {
                  throw new IllegalStateException(
                      hugeMessage, new RuntimeException("cause " + context.attempt()));
                })
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "hops", topic)
            .withRetry(RetryPolicy.of(ATTEMPTS, Backoff.fixed(Duration.ofMillis(10))));
    ProducerRecord<String, String> task = TaskRecords.task(topic, "k", "hopper", "hop");
    task.headers().add("trace-id", "t-1".getBytes(UTF_8));

    ConsumerRecord<byte[], byte[]> deadLetter;
    List<ConsumerRecord<byte[], byte[]>> hops;
    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      kafka.send(topic, List.of(task));
      deadLetter =
          DeadLetters.read(kafka, lane.deadLetterTopic(), 1, Duration.ofSeconds(60)).get(0);
      hops =
          DeadLetters.read(kafka, lane.retryTopics().get(0), ATTEMPTS - 1, Duration.ofSeconds(10));
    }

    assertThat(header(deadLetter, LanesHeaders.ATTEMPT)).isEqualTo(Integer.toString(ATTEMPTS));
    for (Header each : deadLetter.headers()) {
      assertThat(DeadLetters.occurrences(deadLetter.headers(), each.key()))
          .as("occurrences of %s", each.key())
          .isEqualTo(1);
    }
    assertThat(header(deadLetter, LanesHeaders.EXCEPTION_MESSAGE))
        .hasSize(LanesHeaders.MAX_MESSAGE_CHARS);
    int bound = LanesHeaders.MAX_MESSAGE_CHARS + LanesHeaders.MAX_STACKTRACE_CHARS + 1024;
    assertThat(DeadLetters.headerBytes(deadLetter.headers())).isLessThan(bound);
    // From the second hop on, a hop replaces what the last one wrote: the size stays put (give
    // or take the digits of attempt numbers and times).
    int[] sizes =
        IntStream.range(1, hops.size())
            .map(i -> DeadLetters.headerBytes(hops.get(i).headers()))
            .toArray();
    assertThat(IntStream.of(sizes).max().orElseThrow() - IntStream.of(sizes).min().orElseThrow())
        .isLessThan(16);
    System.out.printf(
        "header bytes per hop: first %d, last retry %d, dead letter %d%n",
        DeadLetters.headerBytes(hops.get(0).headers()),
        sizes[sizes.length - 1],
        DeadLetters.headerBytes(deadLetter.headers()));
  }
}
