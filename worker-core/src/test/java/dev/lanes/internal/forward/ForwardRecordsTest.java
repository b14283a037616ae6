package dev.lanes.internal.forward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesHeaders;
import dev.lanes.retry.Destination;
import dev.lanes.retry.FailureCategory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ForwardRecordsTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final byte[] KEY = "k".getBytes(UTF_8);
  private static final byte[] VALUE = "{\"type\":\"t\"}".getBytes(UTF_8);

  private final ForwardRecords records =
      new ForwardRecords(
          "lanes.orders",
          "worker-1",
          new HeaderTrust(List.of("tasks.orders.retry.1", "tasks.orders.retry.2")));

  @Test
  void firstHopRecordsTheOriginTheDueTimeAndTheNextAttempt() {
    ConsumerRecord<byte[], byte[]> source = source("tasks.orders", 4, 17, userHeaders());
    Destination retry = new Destination.Retry(1, 2, Duration.ofSeconds(3), NOW + 3000);

    ProducerRecord<byte[], byte[]> out =
        records.build(
            source, "tasks.orders.retry.1", retry, 1, new IllegalStateException("x"), NOW, true);

    assertThat(out.topic()).isEqualTo("tasks.orders.retry.1");
    assertThat(out.partition()).isEqualTo(4);
    assertThat(out.key()).isEqualTo(KEY);
    assertThat(out.value()).isEqualTo(VALUE);
    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_TOPIC)).isEqualTo("tasks.orders");
    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_PARTITION)).isEqualTo("4");
    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_OFFSET)).isEqualTo("17");
    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("1000");
    assertThat(text(out.headers(), LanesHeaders.ATTEMPT)).isEqualTo("2");
    assertThat(text(out.headers(), LanesHeaders.DUE)).isEqualTo(Long.toString(NOW + 3000));
    assertThat(text(out.headers(), LanesHeaders.FIRST_FAILURE)).isEqualTo(Long.toString(NOW));
    assertThat(text(out.headers(), LanesHeaders.CATEGORY)).isEqualTo("retryable");
    assertThat(text(out.headers(), LanesHeaders.REASON)).isNull();
    assertThat(text(out.headers(), "trace-id")).isEqualTo("t-1");
  }

  @Test
  void laterHopsKeepTheOriginAndFirstFailureAndReplaceEverythingElse() {
    ConsumerRecord<byte[], byte[]> source = source("tasks.orders", 0, 5, userHeaders());
    int firstHopSize = 0;
    ProducerRecord<byte[], byte[]> out = null;
    for (int attempt = 1; attempt <= 100; attempt++) {
      Destination retry =
          new Destination.Retry(1, attempt + 1, Duration.ofMillis(10), NOW + attempt);
      out =
          records.build(
              source,
              "tasks.orders.retry.1",
              retry,
              attempt,
              new RuntimeException("failure " + attempt),
              NOW + attempt,
              true);
      if (attempt == 2) {
        firstHopSize = bytes(out.headers());
      }
      source = source(out.topic(), 0, 1000 + attempt, out.headers());
    }

    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_OFFSET)).isEqualTo("5");
    assertThat(text(out.headers(), LanesHeaders.FIRST_FAILURE)).isEqualTo(Long.toString(NOW + 1));
    assertThat(text(out.headers(), LanesHeaders.ATTEMPT)).isEqualTo("101");
    assertThat(text(out.headers(), LanesHeaders.EXCEPTION_MESSAGE)).isEqualTo("failure 100");
    for (Header header : out.headers()) {
      assertThat(out.headers().headers(header.key())).as(header.key()).hasSize(1);
    }
    assertThat(bytes(out.headers())).isBetween(firstHopSize - 8, firstHopSize + 8);
  }

  @Test
  void lanesHeadersOnAMainTopicRecordAreRenamedAsForeignAndNeverTakenForTheOrigin() {
    Headers forged =
        userHeaders()
            .add(LanesHeaders.ATTEMPT, "999".getBytes(UTF_8))
            .add(LanesHeaders.ORIGINAL_TOPIC, "elsewhere".getBytes(UTF_8))
            .add(LanesHeaders.FIRST_FAILURE, "1".getBytes(UTF_8));
    ConsumerRecord<byte[], byte[]> source = source("tasks.orders", 2, 9, forged);
    Destination retry = new Destination.Retry(1, 2, Duration.ofSeconds(3), NOW + 3000);

    ProducerRecord<byte[], byte[]> out =
        records.build(source, "tasks.orders.retry.1", retry, 1, new RuntimeException(), NOW, true);

    assertThat(text(out.headers(), LanesHeaders.ATTEMPT)).isEqualTo("2");
    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_TOPIC)).isEqualTo("tasks.orders");
    assertThat(text(out.headers(), LanesHeaders.ORIGINAL_OFFSET)).isEqualTo("9");
    assertThat(text(out.headers(), LanesHeaders.FIRST_FAILURE)).isEqualTo(Long.toString(NOW));
    assertThat(text(out.headers(), "lanes.foreign.lanes.attempt")).isEqualTo("999");
    assertThat(text(out.headers(), "lanes.foreign.lanes.original.topic")).isEqualTo("elsewhere");
    assertThat(text(out.headers(), "lanes.foreign.lanes.first-failure")).isEqualTo("1");
    assertThat(text(out.headers(), "trace-id")).isEqualTo("t-1");
    for (Header header : out.headers()) {
      assertThat(out.headers().headers(header.key())).as(header.key()).hasSize(1);
    }
  }

  @Test
  void foreignHeadersTravelUnchangedThroughEveryLaterHopToTheDeadLetter() {
    Headers forged = userHeaders().add(LanesHeaders.ATTEMPT, "4".getBytes(UTF_8));
    ConsumerRecord<byte[], byte[]> source = source("tasks.orders", 0, 5, forged);
    ProducerRecord<byte[], byte[]> out =
        records.build(
            source,
            "tasks.orders.retry.1",
            new Destination.Retry(1, 2, Duration.ofMillis(10), NOW),
            1,
            new RuntimeException(),
            NOW,
            true);
    ConsumerRecord<byte[], byte[]> retried = source(out.topic(), 0, 40, out.headers());

    ProducerRecord<byte[], byte[]> deadLetter =
        records.build(
            retried,
            "tasks.orders.dlt",
            new Destination.DeadLetter(FailureCategory.EXHAUSTED, "exhausted"),
            2,
            new RuntimeException(),
            NOW + 10,
            true);

    assertThat(text(deadLetter.headers(), LanesHeaders.ATTEMPT)).isEqualTo("2");
    assertThat(text(deadLetter.headers(), LanesHeaders.ORIGINAL_OFFSET)).isEqualTo("5");
    assertThat(deadLetter.headers().headers("lanes.foreign.lanes.attempt"))
        .singleElement()
        .extracting(header -> new String(header.value(), UTF_8))
        .isEqualTo("4");
  }

  @Test
  void deadLetterCarriesCategoryAndReasonButNoDueTime() {
    ConsumerRecord<byte[], byte[]> source = source("tasks.orders", 0, 5, new RecordHeaders());
    Destination deadLetter = new Destination.DeadLetter(FailureCategory.EXHAUSTED, "exhausted");

    ProducerRecord<byte[], byte[]> out =
        records.build(source, "tasks.orders.dlt", deadLetter, 4, new RuntimeException(), NOW, true);

    assertThat(text(out.headers(), LanesHeaders.ATTEMPT)).isEqualTo("4");
    assertThat(text(out.headers(), LanesHeaders.CATEGORY)).isEqualTo("exhausted");
    assertThat(text(out.headers(), LanesHeaders.REASON)).isEqualTo("exhausted");
    assertThat(text(out.headers(), LanesHeaders.DUE)).isNull();
    assertThat(text(out.headers(), LanesHeaders.GROUP)).isEqualTo("lanes.orders");
    assertThat(text(out.headers(), LanesHeaders.WORKER)).isEqualTo("worker-1");
  }

  @Test
  void longMessagesAndStackTracesAreTruncatedAndCanBeLeftOut() {
    ConsumerRecord<byte[], byte[]> source = source("tasks.orders", 0, 5, new RecordHeaders());
    Destination deadLetter = new Destination.DeadLetter(FailureCategory.FATAL, "fatal");
    RuntimeException huge = new RuntimeException("m".repeat(50_000), deepCause(200));

    ProducerRecord<byte[], byte[]> full =
        records.build(source, "dlt", deadLetter, 1, huge, NOW, true);
    ProducerRecord<byte[], byte[]> slim =
        records.build(source, "dlt", deadLetter, 1, huge, NOW, false);

    assertThat(text(full.headers(), LanesHeaders.EXCEPTION_MESSAGE))
        .hasSize(LanesHeaders.MAX_MESSAGE_CHARS)
        .endsWith("[truncated]");
    assertThat(text(full.headers(), LanesHeaders.EXCEPTION_STACKTRACE))
        .hasSize(LanesHeaders.MAX_STACKTRACE_CHARS);
    assertThat(text(slim.headers(), LanesHeaders.EXCEPTION_MESSAGE)).isNull();
    assertThat(text(slim.headers(), LanesHeaders.EXCEPTION_STACKTRACE)).isNull();
    assertThat(text(slim.headers(), LanesHeaders.EXCEPTION_CLASS))
        .isEqualTo(RuntimeException.class.getName());
  }

  private static Throwable deepCause(int depth) {
    Throwable cause = new IllegalArgumentException("root");
    for (int i = 0; i < depth; i++) {
      cause = new IllegalStateException("level " + i, cause);
    }
    return cause;
  }

  private static Headers userHeaders() {
    return new RecordHeaders().add("trace-id", "t-1".getBytes(UTF_8));
  }

  private static ConsumerRecord<byte[], byte[]> source(
      String topic, int partition, long offset, Headers headers) {
    return new ConsumerRecord<>(
        topic,
        partition,
        offset,
        1000L,
        TimestampType.CREATE_TIME,
        KEY.length,
        VALUE.length,
        KEY,
        VALUE,
        headers,
        Optional.empty());
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private static int bytes(Headers headers) {
    int total = 0;
    for (Header header : headers) {
      total += header.key().length() + header.value().length;
    }
    return total;
  }
}
