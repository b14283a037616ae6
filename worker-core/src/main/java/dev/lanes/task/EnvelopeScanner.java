package dev.lanes.task;

import static dev.lanes.task.JsonSyntax.FAIL;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lanes.Task;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Decodes the common well-formed envelope straight from the bytes: the routing fields are read in
 * place, and the payload is only checked for JSON syntax and kept as a byte range that {@link
 * Task#payload()} parses when a handler asks. Creating a Jackson parser and building the payload
 * tree was most of a no-op task's cost.
 *
 * <p>Accepts only what Jackson reads to the same values ({@link JsonSyntax} has the rules; a field
 * name or routing field with escapes or non-ASCII bytes, a repeated envelope field, a routing field
 * of the wrong kind, bytes after the object, ...): for anything else it returns null and the
 * codec's Jackson paths decode the record or name its problem, as they always did.
 */
final class EnvelopeScanner {

  // One bit per envelope field: 1 shifted by the field's index in NAMES.
  private static final int ID = 1;
  private static final int TYPE = 2;
  private static final int PAYLOAD = 4;
  private static final int CREATED_AT = 8;
  private static final int SCHEMA_VERSION = 16;

  /** The envelope's field names; a field's bit is 1 shifted by its index here. */
  private static final byte[][] NAMES = {
    ascii(TaskCodec.ID),
    ascii(TaskCodec.TYPE),
    ascii(TaskCodec.PAYLOAD),
    ascii(TaskCodec.CREATED_AT),
    ascii(TaskCodec.SCHEMA_VERSION),
    ascii(TaskCodec.DEADLINE)
  };

  private final ObjectReader trees;
  private final int maxLength;

  private EnvelopeScanner(ObjectReader trees, int maxLength) {
    this.trees = trees;
    this.maxLength = maxLength;
  }

  /**
   * A scanner for payloads that {@code trees} will parse, or null when {@code mapper} is set to be
   * stricter than Jackson's defaults in a way the scanner does not check (duplicate names, lower
   * limits): then every record takes the Jackson paths.
   */
  static EnvelopeScanner forMapper(ObjectMapper mapper, ObjectReader trees) {
    if (mapper.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        || mapper.getFactory().isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
      return null;
    }
    StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
    if (limits.getMaxNestingDepth() <= JsonSyntax.MAX_DEPTH + 1
        || limits.getMaxNumberLength() < JsonSyntax.MAX_NUMBER_CHARS) {
      return null;
    }
    // No string, name or document can be longer than the whole value: shorter values are safe.
    long maxLength = Math.min(limits.getMaxStringLength(), limits.getMaxNameLength());
    if (limits.hasMaxDocumentLength()) {
      maxLength = Math.min(maxLength, limits.getMaxDocumentLength());
    }
    return new EnvelopeScanner(trees, (int) Math.min(Integer.MAX_VALUE, maxLength));
  }

  /**
   * The task, or null when the value needs the Jackson paths.
   *
   * @param topic with {@code partition} and {@code offset}, where the record was first produced:
   *     the id of an envelope without one; null for a random id
   */
  Task read(byte[] v, long recordTimestamp, String topic, int partition, long offset) {
    if (v.length > maxLength) {
      return null;
    }
    Fields fields = new Fields(); // scalar-replaced by the JIT: read and its helpers inline
    int p = JsonSyntax.skipWhitespace(v, 0);
    if (p >= v.length || v[p] != '{') {
      return null;
    }
    p = JsonSyntax.skipWhitespace(v, p + 1);
    boolean more = p < v.length && v[p] != '}';
    while (more) {
      p = afterField(v, p, fields);
      if (p == FAIL) {
        return null;
      }
      p = JsonSyntax.skipWhitespace(v, p);
      if (p >= v.length) {
        return null;
      }
      if (v[p] == ',') {
        p = JsonSyntax.skipWhitespace(v, p + 1);
      } else if (v[p] == '}') {
        more = false;
      } else {
        return null; // also whatever is glued to a literal or number: nullx, 1.5e3x, 01
      }
    }
    if (JsonSyntax.skipWhitespace(v, p + 1) != v.length
        || fields.typeStart < 0
        || isBlank(v, fields.typeStart, fields.typeEnd)) {
      return null;
    }
    return task(v, fields, recordTimestamp, topic, partition, offset);
  }

  /** After the name and value of the field at {@code p}, noting an envelope field's value. */
  private static int afterField(byte[] v, int p, Fields fields) {
    if (p >= v.length || v[p] != '"') {
      return FAIL;
    }
    int nameStart = p + 1;
    int bit = envelopeField(v, nameStart);
    int nameEnd =
        bit == 0
            ? JsonSyntax.plainStringEnd(v, nameStart)
            : nameStart + NAMES[Integer.numberOfTrailingZeros(bit)].length;
    if (nameEnd == FAIL || (fields.seen & bit) != 0) {
      return FAIL; // a repeated envelope field: Jackson's paths decide which one counts
    }
    fields.seen |= bit;
    p = JsonSyntax.skipWhitespace(v, nameEnd + 1);
    if (p >= v.length || v[p] != ':') {
      return FAIL;
    }
    p = JsonSyntax.skipWhitespace(v, p + 1);
    return switch (bit) {
      case 0 -> JsonSyntax.value(v, p, 1); // unknown fields are allowed: producers may be newer
      case PAYLOAD -> afterPayload(v, p, fields);
      case SCHEMA_VERSION -> afterSchemaVersion(v, p, fields);
      default -> afterText(v, p, bit, fields);
    };
  }

  /** After id, type, createdAt or deadline: a plain string, or null (but for type). */
  private static int afterText(byte[] v, int p, int bit, Fields fields) {
    if (bit != TYPE && JsonSyntax.isNull(v, p)) {
      return p + 4;
    }
    if (p >= v.length || v[p] != '"') {
      return FAIL;
    }
    int end = JsonSyntax.plainStringEnd(v, p + 1);
    if (end != FAIL) {
      fields.text(bit, p + 1, end);
    }
    return end == FAIL ? FAIL : end + 1;
  }

  /** After the payload: any JSON value, null read as absent. */
  private static int afterPayload(byte[] v, int p, Fields fields) {
    if (JsonSyntax.isNull(v, p)) {
      return p + 4;
    }
    int end = JsonSyntax.value(v, p, 1);
    fields.payloadStart = p;
    fields.payloadEnd = end;
    return end;
  }

  /** After schemaVersion: null, or a plain small integer this runtime understands. */
  private static int afterSchemaVersion(byte[] v, int p, Fields fields) {
    if (JsonSyntax.isNull(v, p)) {
      return p + 4;
    }
    if (p >= v.length || !JsonSyntax.isDigit(v[p]) || v[p] == '0') {
      return FAIL;
    }
    int start = p;
    int version = 0;
    while (p < v.length && JsonSyntax.isDigit(v[p]) && p - start < 9) {
      version = version * 10 + (v[p++] - '0');
    }
    fields.schemaVersion = version;
    return version > Task.CURRENT_SCHEMA_VERSION ? FAIL : p;
  }

  private Task task(
      byte[] v, Fields fields, long recordTimestamp, String topic, int partition, long offset) {
    Instant createdAt;
    Instant deadline;
    try {
      createdAt =
          fields.createdStart < 0
              ? Instant.ofEpochMilli(Math.max(0, recordTimestamp))
              : IsoInstant.parse(v, fields.createdStart, fields.createdEnd);
      deadline =
          fields.deadlineStart < 0
              ? null
              : IsoInstant.parse(v, fields.deadlineStart, fields.deadlineEnd);
    } catch (DateTimeException e) {
      return null; // the Jackson paths say which field and why
    }
    String id =
        fields.idStart < 0 || isBlank(v, fields.idStart, fields.idEnd)
            ? TaskCodec.fallbackId(topic, partition, offset)
            : text(v, fields.idStart, fields.idEnd);
    return Task.withEncodedPayload(
        id,
        text(v, fields.typeStart, fields.typeEnd),
        new EncodedPayload(trees, v, fields.payloadStart, fields.payloadEnd - fields.payloadStart),
        createdAt,
        fields.schemaVersion,
        deadline);
  }

  /** Where the envelope fields' values are in the value: start and end, -1 when absent. */
  private static final class Fields {
    int seen; // one bit per envelope field
    int idStart = -1;
    int idEnd = -1;
    int typeStart = -1;
    int typeEnd = -1;
    int payloadStart; // an empty range: no payload
    int payloadEnd;
    int createdStart = -1;
    int createdEnd = -1;
    int deadlineStart = -1;
    int deadlineEnd = -1;
    int schemaVersion = Task.CURRENT_SCHEMA_VERSION;

    void text(int bit, int start, int end) {
      switch (bit) {
        case ID -> {
          idStart = start;
          idEnd = end;
        }
        case TYPE -> {
          typeStart = start;
          typeEnd = end;
        }
        case CREATED_AT -> {
          createdStart = start;
          createdEnd = end;
        }
        default -> {
          deadlineStart = start;
          deadlineEnd = end;
        }
      }
    }
  }

  /**
   * One bit per envelope field, so a repeated field is seen: the field whose name, closing quote
   * included, starts at {@code from}, else 0. Matching the known names directly spares scanning
   * them byte by byte for the quote first.
   */
  private static int envelopeField(byte[] v, int from) {
    if (from >= v.length) {
      return 0;
    }
    return switch (v[from]) {
      case 'i' -> named(v, from, 0);
      case 't' -> named(v, from, 1);
      case 'p' -> named(v, from, 2);
      case 'c' -> named(v, from, 3);
      case 's' -> named(v, from, 4);
      case 'd' -> named(v, from, 5);
      default -> 0;
    };
  }

  private static int named(byte[] v, int from, int field) {
    byte[] name = NAMES[field];
    int end = from + name.length;
    if (end >= v.length || v[end] != '"') {
      return 0;
    }
    for (int i = 1; i < name.length; i++) {
      if (v[from + i] != name[i]) {
        return 0;
      }
    }
    return 1 << field;
  }

  /** Blank as {@link String#isBlank()} sees printable ASCII: only spaces. */
  private static boolean isBlank(byte[] v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (v[i] != ' ') {
        return false;
      }
    }
    return true;
  }

  /** Checked to be printable ASCII, where Latin-1 decoding is a plain copy. */
  private static String text(byte[] v, int from, int to) {
    return new String(v, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }
}
