package dev.lanes.console.internal.deadletters;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesHeaders;
import dev.lanes.app.dlt.DeadLetter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterViewTest {

  private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, 0x22};

  @Test
  void showsATaskWithItsAttemptHistoryHeadersStackTraceAndPrettyJson() {
    DeadLetter deadLetter =
        DeadLetterSeeds.task("tasks.v", "t-1", "charge")
            .partition(1)
            .key("order-1")
            .userHeader("trace-id", "trace-1")
            .exhausted(4, new IOException("payment service said 503"))
            .toDeadLetter(9);

    DeadLetterView view = DeadLetterView.of(deadLetter);

    assertThat(view.position()).isEqualTo("1@9");
    assertThat(view.key()).isEqualTo("order-1");
    assertThat(view.attempts())
        .contains(
            new DeadLetterView.Row("attempts", "4"),
            new DeadLetterView.Row("reason", "exhausted"),
            new DeadLetterView.Row("error class", "java.io.IOException"),
            new DeadLetterView.Row("original topic", "tasks.v"),
            new DeadLetterView.Row("original offset", "17"));
    assertThat(view.headers())
        .contains(new DeadLetterView.HeaderRow("trace-id", "trace-1", false, false));
    assertThat(view.headers())
        .filteredOn(header -> header.key().equals("lanes.first-failure"))
        .singleElement()
        .satisfies(header -> assertThat(header.value()).endsWith("(2026-11-27T09:59:30Z)"));
    assertThat(view.stackTrace()).startsWith("java.io.IOException: payment service said 503");
    assertThat(view.payloadKind()).isEqualTo("json");
    assertThat(view.payload()).contains("\"amount\" : 42");
    assertThat(view.truncatedNote()).isNull();
  }

  @Test
  void aValueThatIsNotUtf8IsShownAsHexAndSoIsSuchAHeader() {
    DeadLetter deadLetter =
        DeadLetterSeeds.raw("tasks.v", NOT_UTF8).userHeader("blob", NOT_UTF8).toDeadLetter(0);

    DeadLetterView view = DeadLetterView.of(deadLetter);

    assertThat(view.payloadKind()).isEqualTo("hex");
    assertThat(view.payload()).startsWith("00000000  ff fe 00 7b 22");
    assertThat(view.headers())
        .contains(new DeadLetterView.HeaderRow("blob", "0xfffe007b22", true, false));
    assertThat(view.truncatedNote()).isNull();
  }

  @Test
  void aTwoMegabyteJsonValueShowsItsFirst64KibAndSaysSo() {
    String big = "{\"blob\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    DeadLetter deadLetter = DeadLetterSeeds.raw("tasks.v", big.getBytes(UTF_8)).toDeadLetter(0);

    DeadLetterView view = DeadLetterView.of(deadLetter);

    assertThat(view.payloadKind()).isEqualTo("json");
    assertThat(view.payload()).hasSize(64 * 1024);
    assertThat(view.truncatedNote())
        .isEqualTo(
            "Showing the first 65,536 of 2,097,169 characters of the pretty-printed JSON (the"
                + " value is 2,097,163 bytes). Download the raw value for all of it.");
  }

  @Test
  void aTwoMegabyteBinaryValueShowsItsFirst4KibAsHexAndSaysSo() {
    byte[] big = new byte[2 * 1024 * 1024];
    Arrays.fill(big, (byte) 0xff);
    DeadLetter deadLetter = DeadLetterSeeds.raw("tasks.v", big).toDeadLetter(0);

    DeadLetterView view = DeadLetterView.of(deadLetter);

    assertThat(view.payloadKind()).isEqualTo("hex");
    assertThat(view.payload().lines()).hasSize(4096 / 16);
    assertThat(view.truncatedNote())
        .isEqualTo(
            "Showing the first 4,096 of 2,097,152 bytes as hex. Download the raw value for all"
                + " of it.");
  }

  @Test
  void aThousandHeadersShowTheFirst200AndCountTheRest() {
    DeadLetterSeeds seeds = DeadLetterSeeds.task("tasks.v", "t-1", "charge");
    for (int i = 0; i < 1000; i++) {
      seeds.userHeader("h-" + i, "v-" + i);
    }
    DeadLetter deadLetter = seeds.toDeadLetter(0);

    DeadLetterView view = DeadLetterView.of(deadLetter);

    assertThat(view.headers()).hasSize(200);
    assertThat(view.headers().get(0).key()).isEqualTo("h-0");
    assertThat(view.moreHeaders()).isEqualTo(deadLetter.headers().size() - 200);
  }

  @Test
  void aHugeStackTraceIsCutAndSaysHowMuchIsShown() {
    // Written by hand or by another tool: the runtime itself cuts the traces it writes.
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        LanesHeaders.EXCEPTION_STACKTRACE, "at x.y(Z.java:1)\n".repeat(10_000).getBytes(UTF_8));
    DeadLetter deadLetter =
        DeadLetter.of(
            new ConsumerRecord<>(
                "tasks.v.dlt",
                0,
                5,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                null,
                null,
                headers,
                Optional.empty()));

    DeadLetterView view = DeadLetterView.of(deadLetter);

    assertThat(view.stackTrace()).hasSize(DeadLetterView.MAX_STACK_TRACE_CHARS + 1).endsWith("…");
    assertThat(view.stackTraceNote())
        .isEqualTo("Showing the first 32,768 of 170,000 characters of the stack trace.");
    assertThat(view.payloadKind()).isEqualTo("none");
  }
}
