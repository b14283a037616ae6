package dev.lanes.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.Task;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskCodecTest {

  private final TaskCodec codec = new TaskCodec();
  private static final long RECORD_TIME = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();

  @Test
  void decodesAFullEnvelope() {
    Task task =
        decode(
            "{\"id\":\"t-1\",\"type\":\"sleep\",\"payload\":{\"ms\":5},"
                + "\"createdAt\":\"2026-11-27T10:00:00Z\",\"schemaVersion\":1,\"extra\":true}");

    assertThat(task.id()).isEqualTo("t-1");
    assertThat(task.type()).isEqualTo("sleep");
    assertThat(task.payload().get("ms").asInt()).isEqualTo(5);
    assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(task.schemaVersion()).isEqualTo(1);
  }

  @Test
  void fillsInWhatAMinimalEnvelopeLeavesOut() {
    Task task = decode("{\"type\":\"noop\"}");

    assertThat(task.id()).hasSize(36);
    assertThat(task.payload().isObject()).isTrue();
    assertThat(task.payload().size()).isZero();
    assertThat(task.createdAt()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    assertThat(task.schemaVersion()).isEqualTo(Task.CURRENT_SCHEMA_VERSION);
  }

  @Test
  void namesAnEnvelopeWithoutIdByTheRecordItWasFirstProducedAs() {
    byte[] value = "{\"type\":\"noop\"}".getBytes(UTF_8);
    byte[] unusual = "{ \"type\" : \"noop\", \"payload\": {\"n\": 1e300} }".getBytes(UTF_8);
    byte[] named = "{\"type\":\"noop\",\"id\":\"t-9\"}".getBytes(UTF_8);

    assertThat(codec.decode(value, RECORD_TIME, "tasks.a", 4, 1234).id())
        .isEqualTo("tasks.a-4@1234");
    assertThat(codec.decode(unusual, RECORD_TIME, "tasks.a", 4, 1234).id())
        .isEqualTo("tasks.a-4@1234");
    assertThat(codec.decode(named, RECORD_TIME, "tasks.a", 4, 1234).id()).isEqualTo("t-9");
  }

  @Test
  void rejectsAPayloadThatIsNotJsonBeforeAnyHandlerAsksForIt() {
    assertRejected(
        "{\"type\":\"noop\",\"payload\":{\"a\":01}}".getBytes(UTF_8), RejectionReason.NOT_JSON);
    assertRejected(
        "{\"type\":\"noop\",\"payload\":{\"a\":[1,}}".getBytes(UTF_8), RejectionReason.NOT_JSON);
  }

  @Test
  void roundTripsThroughEncode() throws Exception {
    Task original =
        Task.create("echo", new ObjectMapper().readTree("{\"text\":\"hi\",\"n\":[1,2]}"));

    Task decoded = codec.decode(codec.encode(original), 0);

    assertThat(decoded).isEqualTo(original);
  }

  @Test
  void rejectsEmptyValues() {
    assertRejected(null, RejectionReason.EMPTY);
    assertRejected(new byte[0], RejectionReason.EMPTY);
  }

  @Test
  void rejectsWhatIsNotJson() {
    assertRejected("not json {".getBytes(UTF_8), RejectionReason.NOT_JSON);
    assertRejected("   ".getBytes(UTF_8), RejectionReason.NOT_JSON);
  }

  @Test
  void rejectsJsonThatIsNotAnObject() {
    assertRejected("[1,2]".getBytes(UTF_8), RejectionReason.NOT_AN_OBJECT);
    assertRejected("42".getBytes(UTF_8), RejectionReason.NOT_AN_OBJECT);
  }

  @Test
  void rejectsEnvelopesWithoutType() {
    assertRejected("{\"payload\":{}}".getBytes(UTF_8), RejectionReason.MISSING_TYPE);
    assertRejected("{\"type\":\"  \"}".getBytes(UTF_8), RejectionReason.MISSING_TYPE);
  }

  @Test
  void rejectsFieldsOfTheWrongShape() {
    assertRejected("{\"type\":7}".getBytes(UTF_8), RejectionReason.INVALID_FIELD);
    assertRejected(
        "{\"type\":\"noop\",\"createdAt\":\"yesterday\"}".getBytes(UTF_8),
        RejectionReason.INVALID_FIELD);
    assertRejected(
        "{\"type\":\"noop\",\"schemaVersion\":\"one\"}".getBytes(UTF_8),
        RejectionReason.INVALID_FIELD);
  }

  @Test
  void rejectsNewerSchemaVersionsNamingBoth() {
    assertThatThrownBy(() -> decode("{\"type\":\"noop\",\"schemaVersion\":2}"))
        .isInstanceOfSatisfying(
            MalformedTaskException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_SCHEMA_VERSION))
        .hasMessageContaining("schemaVersion 2")
        .hasMessageContaining("(1)");
  }

  @Test
  void aRepeatedFieldKeepsItsLastValueAsATreeWould() {
    Task task = decode("{\"type\":5,\"type\":\"noop\",\"id\":\"a\",\"id\":\"b\"}");

    assertThat(task.type()).isEqualTo("noop");
    assertThat(task.id()).isEqualTo("b");
  }

  @Test
  void readsNullFieldsAsLeftOutAndSkipsNestedUnknownOnes() {
    Task task =
        decode(
            "{\"id\":null,\"extra\":{\"type\":\"inner\",\"a\":[1,{\"b\":2}]},\"type\":\"noop\","
                + "\"payload\":null,\"createdAt\":null,\"schemaVersion\":null}");

    assertThat(task.type()).isEqualTo("noop");
    assertThat(task.id()).hasSize(36);
    assertThat(task.payload().isObject()).isTrue();
    assertThat(task.createdAt()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    assertThat(task.schemaVersion()).isEqualTo(Task.CURRENT_SCHEMA_VERSION);
  }

  @Test
  void decodesNestedAndNonObjectPayloadsLikeATree() throws Exception {
    String payload = "{\"list\":[1,2.5,\"x\",null,{\"deep\":[true]}],\"n\":12345678901}";
    Task nested = decode("{\"type\":\"noop\",\"payload\":" + payload + "}");
    Task number = decode("{\"payload\":7,\"type\":\"noop\",\"schemaVersion\":1.0}");

    assertThat(nested.payload()).isEqualTo(new ObjectMapper().readTree(payload));
    assertThat(number.payload().asInt()).isEqualTo(7);
    assertThat(number.schemaVersion()).isEqualTo(1);
  }

  @Test
  void rejectsBytesAfterTheEnvelopeSayingWhereTheyStart() {
    for (String value :
        java.util.List.of(
            "{\"type\":\"noop\"} trailing",
            "{\"type\":\"noop\"}{\"type\":\"noop\"}",
            "{\"type\":\"noop\"} 7",
            "{\"type\":\"noop\",\"type\":\"noop\"}}")) {
      assertThatThrownBy(() -> decode(value))
          .as(value)
          .isInstanceOfSatisfying(
              MalformedTaskException.class,
              e -> assertThat(e.reason()).isEqualTo(RejectionReason.TRAILING_DATA))
          .hasMessageContaining("after the JSON object");
    }
    assertThatThrownBy(() -> decode("{\"type\":\"noop\"} trailing"))
        .hasMessage("value continues after the JSON object that ends at byte 15 (9 more bytes)");
  }

  @Test
  void acceptsWhitespaceAfterTheEnvelope() {
    assertThat(decode("{\"type\":\"noop\"} \r\n\t ").type()).isEqualTo("noop");
  }

  @Test
  void rejectsNumbersBeyondADoublesRangeNamingTheNumberAndWhereItIs() {
    assertThatThrownBy(() -> decode("{\"type\":\"noop\",\"payload\":{\"n\":[1,1e999999999]}}"))
        .isInstanceOfSatisfying(
            MalformedTaskException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.NUMBER_OUT_OF_RANGE))
        .hasMessage(
            "number 1e999999999 at /payload/n/1 is beyond the range of a double (about ±1.8e308)");
    assertRejected(
        "{\"payload\":-1E400,\"type\":\"noop\"}".getBytes(UTF_8),
        RejectionReason.NUMBER_OUT_OF_RANGE);
  }

  @Test
  void keepsLargeButRepresentableNumbers() {
    Task task =
        decode(
            "{\"type\":\"noop\",\"payload\":{\"big\":1.7e308,\"tiny\":4.9e-324,"
                + "\"integer\":123456789012345678901234567890}}");

    assertThat(task.payload().get("big").doubleValue()).isEqualTo(1.7e308);
    assertThat(task.payload().get("tiny").doubleValue()).isEqualTo(4.9e-324);
    assertThat(task.payload().get("integer").bigIntegerValue())
        .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
  }

  private Task decode(String json) {
    return codec.decode(json.getBytes(UTF_8), RECORD_TIME);
  }

  private void assertRejected(byte[] value, RejectionReason reason) {
    assertThatThrownBy(() -> codec.decode(value, RECORD_TIME))
        .isInstanceOfSatisfying(
            MalformedTaskException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
