package dev.lanes.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner's invariant: every value it accepts, the Jackson paths accept too and read to the
 * same task, payload tree included; what it leaves (null) still gets Jackson's exact verdict.
 */
class EnvelopeScannerTest {

  private static final long RECORD_TIME = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
  private static final String TOPIC = "orders";

  private final TaskCodec codec = new TaskCodec();
  private final EnvelopeScanner scanner = codec.scanner();

  @Test
  void readsTheCommonEnvelopeWithoutJackson() {
    Task task =
        accepted(
            "{\"id\":\"t-1\",\"type\":\"sleep\",\"payload\":{\"ms\":5,\"s\":\"a\\\"b\\u00e9\"},"
                + "\"createdAt\":\"2026-11-27T10:00:00.123Z\",\"schemaVersion\":1,"
                + "\"deadline\":\"2026-11-27T10:00:30Z\"}");

    assertThat(task.id()).isEqualTo("t-1");
    assertThat(task.payload().get("s").asText()).isEqualTo("a\"bé");
    assertThat(task.deadline()).isEqualTo(Instant.parse("2026-11-27T10:00:30Z"));
  }

  @Test
  void acceptsWhitespaceEverywhereAndUnknownFieldsWithNestedValues() {
    accepted(
        " \n{ \"x\" : [ {\"a\" : [ [ ] , { } , null , true , false , -0.5e-3 ] } ] ,\t\"type\"\r:"
            + " \"noop\" , \"payload\" : [ 1 , \"two\" , { \"3\" : [ ] } ] } \n ");
    accepted("{\"type\":\"noop\",\"payload\":\"\"}");
    accepted("{\"type\":\"noop\",\"payload\":{}}");
    accepted("{\"type\":\"noop\",\"payload\":[]}");
    accepted("{\"type\":\"noop\",\"payload\":{\"s\":\"\\ud800 lone surrogate\"}}");
    accepted("{\"type\":\"noop\",\"payload\":{\"n\":[0,-0,1.5,1e5,1E+05,2e-7,123456789012345]}}");
  }

  @Test
  void readsAnAbsentOrNullPayloadAsAnEmptyObject() {
    assertThat(accepted("{\"type\":\"noop\"}").payload().isObject()).isTrue();
    assertThat(accepted("{\"type\":\"noop\",\"payload\":null}").payload().size()).isZero();
  }

  @Test
  void namesATaskWithoutIdByItsFirstPosition() {
    assertThat(accepted("{\"type\":\"noop\"}").id()).isEqualTo("orders-3@42");
    assertThat(accepted("{\"type\":\"noop\",\"id\":null}").id()).isEqualTo("orders-3@42");
    assertThat(accepted("{\"type\":\"noop\",\"id\":\"  \"}").id()).isEqualTo("orders-3@42");
  }

  @Test
  void leavesUnusualInputToJackson() {
    String[] unusual = {
      "{\"type\":\"noop\",\"payload\":{\"n\":01}}", // leading zero
      "{\"type\":\"noop\",\"payload\":{\"n\":NaN}}",
      "{\"type\":\"noop\",\"payload\":{'n':1}}", // single quotes
      "{\"type\":\"noop\",\"payload\":{\"n\":1,}}", // trailing comma
      "{\"type\":\"noop\",\"payload\":[1,]}",
      "{\"type\":\"noop\",/* c */\"payload\":{}}", // comment
      "{\"type\":\"noop\",\"payload\":{\"s\":\"unterminated}}",
      "{\"type\":\"noop\",\"payload\":{\"s\":\"bad \\x escape\"}}",
      "{\"type\":\"noop\",\"payload\":{\"s\":\"short \\u12\"}}",
      "{\"type\":\"noop\",\"payload\":{\"n\":1e999}}", // out of range: Jackson names it
      "{\"type\":\"noop\",\"payload\":{\"n\":1e100}}", // three-digit exponent
      "{\"type\":\"noop\",\"payload\":{\"n\":1234567890123456}}", // 16 characters
      "{\"type\":\"noop\",\"payload\":{\"s\":\"é\"}}", // not ASCII
      "{\"type\":\"noop\",\"payload\":{\"s\":\"tab\there\"}}", // control character
      "{\"type\":\"no\\u006fp\"}", // escape in a routing field
      "{\"ty\\u0070e\":\"noop\"}", // escape in a field name
      "{\"type\":\"noop\",\"type\":\"other\"}", // repeated envelope field
      "{\"type\":\"noop\"} x", // bytes after the object
      "{\"type\":\"noop\"}{}",
      "{\"type\":\"noop\",\"schemaVersion\":2}",
      "{\"type\":\"noop\",\"schemaVersion\":1.0}",
      "{\"type\":\"noop\",\"createdAt\":\"yesterday\"}",
      "{\"type\":\"noop\",\"createdAt\":\"2026-02-30T10:00:00Z\"}",
      "{\"type\":7}",
      "{\"type\":\"  \"}",
      "{\"payload\":{}}",
      "[1]",
      "{\"type\":\"noop\",\"payload\":" + "[".repeat(250) + "]".repeat(250) + "}",
      "{\"type\":\"noop\",\"payload\":truex}",
      "{\"type\":\"noop\",\"payload\":{\"a\":1 \"b\":2}}",
      "\uFEFF{\"type\":\"noop\"}",
    };
    for (String value : unusual) {
      assertThat(scan(value.getBytes(UTF_8))).as(value).isNull();
      assertAgrees(value.getBytes(UTF_8));
    }
  }

  @Test
  void agreesWithJacksonOnGeneratedAndMutatedEnvelopes() {
    Random random = new Random(14);
    int unmutated = 0;
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] value = new EnvelopeGenerator(random).envelope().getBytes(UTF_8);
      boolean mutated = random.nextInt(3) > 0;
      if (mutated) {
        value = mutate(value, random);
      } else {
        unmutated++;
      }
      if (assertAgrees(value) && !mutated) {
        accepted++;
      }
    }
    // Half the generated envelopes have something unusual (a big number, a bad schemaVersion, an
    // escaped name, no type): the scanner must still take a good share of the rest, or the
    // agreement above says little.
    assertThat(accepted).isGreaterThan(unmutated / 3);
  }

  @Test
  void aStricterMapperTurnsTheScannerOff() {
    ObjectMapper strict = new ObjectMapper();
    strict.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    assertThat(new TaskCodec(strict).scanner()).isNull();
    assertThat(codec.scanner()).isNotNull();
  }

  /** True when the scanner accepted the value (and Jackson read it the same). */
  private boolean assertAgrees(byte[] value) {
    String shown = new String(value, UTF_8);
    Task scanned = scan(value);
    Task jackson;
    try {
      jackson = codec.decodeWithJackson(value, RECORD_TIME, TOPIC, 3, 42);
    } catch (MalformedTaskException e) {
      assertThat(scanned).as("scanner accepted what Jackson rejects (%s): %s", e, shown).isNull();
      return false;
    }
    if (scanned == null) {
      return false;
    }
    assertThat(scanned).as(shown).isEqualTo(jackson);
    assertThat(scanned.payload().getClass()).as(shown).isEqualTo(jackson.payload().getClass());
    return true;
  }

  private Task accepted(String value) {
    Task task = scan(value.getBytes(UTF_8));
    assertThat(task).as(value).isNotNull();
    assertAgrees(value.getBytes(UTF_8));
    return task;
  }

  private Task scan(byte[] value) {
    return scanner.read(value, RECORD_TIME, TOPIC, 3, 42);
  }

  private static final String MUTATIONS = "{}[]\":,\\ \t\n0123456789eE+-.ntfrsu'/*#x\u0000";

  private static byte[] mutate(byte[] value, Random random) {
    List<Byte> bytes = new ArrayList<>();
    for (byte b : value) {
      bytes.add(b);
    }
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
      int at = random.nextInt(bytes.size());
      byte b =
          random.nextInt(10) == 0
              ? (byte) (0x80 + random.nextInt(0x80))
              : (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
      switch (random.nextInt(4)) {
        case 0 -> bytes.remove(at);
        case 1 -> bytes.add(at, b);
        case 2 -> bytes.set(at, b);
        default -> Collections.swap(bytes, at, random.nextInt(bytes.size()));
      }
    }
    byte[] mutated = new byte[bytes.size()];
    for (int i = 0; i < mutated.length; i++) {
      mutated[i] = bytes.get(i);
    }
    return mutated;
  }
}
