package dev.lanes.app.dlt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static final String MAIN = "tasks.payments";

  @Test
  void readsTheRuntimesFailureHeadersAndTheTaskOfItsValue() {
    DeadLetter deadLetter =
        DeadLetterRecords.task(MAIN, "t-1", "charge")
            .partition(1)
            .originalOffset(17)
            .key("order-7")
            .exhausted(4, new IOException("payment service said 503"))
            .toDeadLetter(3);

    assertThat(deadLetter.position()).isEqualTo("tasks.payments.dlt-1@3");
    assertThat(deadLetter.key()).isEqualTo("order-7");
    assertThat(deadLetter.taskId()).isEqualTo("t-1");
    assertThat(deadLetter.type()).isEqualTo("charge");
    FailureHeaders failure = deadLetter.failure();
    assertThat(failure.attempts()).isEqualTo(4);
    assertThat(failure.category()).isEqualTo("exhausted");
    assertThat(failure.reason()).isEqualTo("exhausted");
    assertThat(failure.exceptionClass()).isEqualTo("java.io.IOException");
    assertThat(failure.exceptionSimpleName()).isEqualTo("IOException");
    assertThat(failure.exceptionMessage()).isEqualTo("payment service said 503");
    assertThat(failure.stackTrace()).startsWith("java.io.IOException: payment service said 503");
    assertThat(failure.firstFailure()).isEqualTo(DeadLetterRecords.FIRST_FAILURE);
    assertThat(failure.originalTopic()).isEqualTo(MAIN);
    assertThat(failure.originalPartition()).isEqualTo(1);
    assertThat(failure.originalOffset()).isEqualTo(17);
  }

  @Test
  void aValueThatIsNotJsonHasNoTaskButKeepsItsFailure() {
    DeadLetter deadLetter =
        DeadLetterRecords.raw(MAIN, new byte[] {(byte) 0xff, 0x00, 0x41}).toDeadLetter(0);

    assertThat(deadLetter.taskId()).isNull();
    assertThat(deadLetter.type()).isNull();
    assertThat(deadLetter.failure().reason()).isEqualTo("not_json");
    assertThat(deadLetter.failure().category()).isEqualTo("fatal");
    assertThat(deadLetter.value()).containsExactly(0xff, 0x00, 0x41);
  }

  @Test
  void anEnvelopeWithoutIdListsNoIdRatherThanAnInventedOne() {
    DeadLetter deadLetter = read("{\"type\":\"charge\"}".getBytes(UTF_8), new RecordHeaders());

    assertThat(deadLetter.taskId()).isNull();
    assertThat(deadLetter.type()).isEqualTo("charge");
  }

  @Test
  void aRecordWithoutRuntimeHeadersStillReads() {
    DeadLetter deadLetter = read(null, new RecordHeaders());

    assertThat(deadLetter.failure())
        .isEqualTo(new FailureHeaders(null, null, null, null, null, null, null, null, null, null));
    assertThat(deadLetter.value()).isNull();
    assertThat(deadLetter.key()).isNull();
  }

  @Test
  void userHeadersAreAllButTheRuntimesInRecordOrder() {
    DeadLetter deadLetter =
        DeadLetterRecords.task(MAIN, "t-1", "charge")
            .userHeader("trace-id", "abc")
            .userHeader("tenant", "acme")
            .toDeadLetter(0);

    assertThat(deadLetter.userHeaders())
        .extracting(Header::key)
        .containsExactly("trace-id", "tenant");
    assertThat(deadLetter.headers()).hasSizeGreaterThan(2);
  }

  @Test
  void valueCannotBeChangedThroughTheRecord() {
    DeadLetter deadLetter = DeadLetterRecords.raw(MAIN, new byte[] {1, 2}).toDeadLetter(0);

    deadLetter.value()[0] = 9;

    assertThat(deadLetter.value()).containsExactly(1, 2);
  }

  private static DeadLetter read(byte[] value, RecordHeaders headers) {
    return DeadLetter.of(
        new ConsumerRecord<>(
            "tasks.payments.dlt",
            0,
            5,
            1000L,
            TimestampType.CREATE_TIME,
            -1,
            value == null ? -1 : value.length,
            null,
            value,
            headers,
            Optional.empty()));
  }
}
