package dev.lanes.app.dlt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadLetterDetailTest {

  private static final String MAIN = "tasks.payments";
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DeadLetterDetail detail =
      new DeadLetterDetail(new PrintStream(bytes, true, UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void showsWhereWhyEveryHeaderTheStackTraceAndThePayloadAsPrettyJson() {
    detail.print(
        DeadLetterRecords.task(MAIN, "t-1", "charge")
            .partition(1)
            .originalOffset(17)
            .key("order-7")
            .userHeader("trace-id", "abc")
            .exhausted(4, new IOException("payment service said 503\nretry later"))
            .toDeadLetter(3));

    String text = bytes.toString(UTF_8);
    assertThat(text)
        .contains("dead letter    tasks.payments.dlt-1@3")
        .contains("key            order-7")
        .contains("task id        t-1")
        .contains("reason         exhausted")
        .contains("attempts       4")
        .contains("exception      java.io.IOException")
        .contains("message        payment service said 503\\nretry later")
        .contains("first failure  2026-11-27T09:58:30.456Z")
        .contains("original       tasks.payments-1@17");
    assertThat(text)
        .contains("  lanes.reason: exhausted")
        .contains("  lanes.attempt: 4")
        .contains("  lanes.original.offset: 17")
        .contains("  lanes.first-failure: 1795773510456 (2026-11-27T09:58:30.456Z)")
        .contains("  lanes.exception.message: payment service said 503\\nretry later")
        .containsPattern("  lanes.exception.stacktrace: \\(\\d+ bytes, printed below\\)")
        .contains("  trace-id: abc");
    assertThat(text)
        .contains("stack trace:\n  java.io.IOException: payment service said 503\n  retry later\n")
        .contains("\tat dev.lanes.app.dlt.DeadLetterDetailTest");
    assertThat(text)
        .contains("payload (JSON, ")
        .contains("  \"type\" : \"charge\",")
        .contains("  \"payload\" : {\n    \"amount\" : 42,");
  }

  @Test
  void aValueThatIsNotUtf8JsonIsHexDumped() {
    detail.print(
        DeadLetterRecords.raw(MAIN, new byte[] {'{', '"', (byte) 0xc3, 0x28, '"', '}'})
            .toDeadLetter(0));

    String text = bytes.toString(UTF_8);
    assertThat(text)
        .contains("payload (6 bytes, not UTF-8 JSON):")
        .contains("00000000  7b 22 c3 28 22 7d")
        .doesNotContain("payload (JSON");
  }

  @Test
  void textThatIsNotJsonIsHexDumpedToo() {
    detail.print(DeadLetterRecords.raw(MAIN, "{\"a\":1} trailing".getBytes(UTF_8)).toDeadLetter(0));

    assertThat(bytes.toString(UTF_8)).contains("payload (16 bytes, not UTF-8 JSON):");
  }

  @Test
  void binaryHeaderValuesAreShownAsHex() {
    detail.print(
        DeadLetterRecords.task(MAIN, "t-1", "charge").userHeader("bell", "\u0007").toDeadLetter(0));

    assertThat(bytes.toString(UTF_8)).contains("  bell: 0x07");
  }

  @Test
  void aLargeValueThatIsNotJsonShowsTheFirst4KibAndSaysHowToSaveTheRest() {
    byte[] megabyte = new byte[1024 * 1024];
    for (int i = 0; i < megabyte.length; i++) {
      megabyte[i] = (byte) (i * 31 + 7);
    }

    detail.print(DeadLetterRecords.raw(MAIN, megabyte).toDeadLetter(0));

    String text = bytes.toString(UTF_8);
    assertThat(text)
        .contains("payload (1048576 bytes, not UTF-8 JSON):")
        .contains("00000ff0  ")
        .doesNotContain("00001000  ")
        .contains(
            "... 1044480 more bytes not shown (the first 4096 of 1048576 are); --raw FILE saves"
                + " the whole value");
    assertThat(text.length()).as("what a terminal gets").isLessThan(32 * 1024);
  }
}
