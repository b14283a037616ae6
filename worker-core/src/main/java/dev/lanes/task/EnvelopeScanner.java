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
    int p = JsonSyntax.skipWhitespace(v, 0);
    if (p >= v.length || v[p] != '{') {
      return null;
    }
    int idStart = -1;
    int idEnd = -1;
    int typeStart = -1;
    int typeEnd = -1;
    int payloadStart = 0;
    int payloadEnd = 0;
    int createdStart = -1;
    int createdEnd = -1;
    int deadlineStart = -1;
    int deadlineEnd = -1;
    int schemaVersion = Task.CURRENT_SCHEMA_VERSION;
    int seen = 0; // one bit per envelope field: a repeated one goes to the Jackson paths
    p = JsonSyntax.skipWhitespace(v, p + 1);
    boolean more = p < v.length && v[p] != '}';
    while (more) {
      if (p >= v.length || v[p] != '"') {
        return null;
      }
      int nameStart = p + 1;
      int bit = envelopeField(v, nameStart);
      int nameEnd =
          bit == 0
              ? JsonSyntax.plainStringEnd(v, nameStart)
              : nameStart + NAMES[Integer.numberOfTrailingZeros(bit)].length;
      if (nameEnd == FAIL || (seen & bit) != 0) {
        return null;
      }
      p = JsonSyntax.skipWhitespace(v, nameEnd + 1);
      if (p >= v.length || v[p] != ':') {
        return null;
      }
      p = JsonSyntax.skipWhitespace(v, p + 1);
      seen |= bit;
      int start = p;
      switch (bit) {
        case 0 ->
            p = JsonSyntax.value(v, p, 1); // unknown fields are allowed: producers may be newer
        case 1, 2, 8, 32 -> { // id, type, createdAt, deadline: a plain string (or null but type)
          if (p < v.length && v[p] == '"') {
            int end = JsonSyntax.plainStringEnd(v, p + 1);
            p = end == FAIL ? FAIL : end + 1;
          } else if (bit != 2 && JsonSyntax.isNull(v, p)) {
            p += 4;
            start = -1;
          } else {
            return null;
          }
          if (p == FAIL) {
            return null;
          }
          if (start >= 0) {
            start++; // inside the quotes
            switch (bit) {
              case 1 -> {
                idStart = start;
                idEnd = p - 1;
              }
              case 2 -> {
                typeStart = start;
                typeEnd = p - 1;
              }
              case 8 -> {
                createdStart = start;
                createdEnd = p - 1;
              }
              default -> {
                deadlineStart = start;
                deadlineEnd = p - 1;
              }
            }
          }
        }
        case 4 -> { // payload: any JSON value, null reads as absent
          if (JsonSyntax.isNull(v, p)) {
            p += 4;
          } else {
            p = JsonSyntax.value(v, p, 1);
            payloadStart = start;
            payloadEnd = p;
          }
        }
        default -> { // schemaVersion: null, or a plain small integer this runtime understands
          if (JsonSyntax.isNull(v, p)) {
            p += 4;
          } else {
            if (p >= v.length || !JsonSyntax.isDigit(v[p]) || v[p] == '0') {
              return null;
            }
            schemaVersion = 0;
            while (p < v.length && JsonSyntax.isDigit(v[p]) && p - start < 9) {
              schemaVersion = schemaVersion * 10 + (v[p++] - '0');
            }
            if (schemaVersion > Task.CURRENT_SCHEMA_VERSION) {
              return null;
            }
          }
        }
      }
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
        || typeStart < 0
        || isBlank(v, typeStart, typeEnd)) {
      return null;
    }
    Instant createdAt;
    Instant deadline;
    try {
      createdAt =
          createdStart < 0
              ? Instant.ofEpochMilli(Math.max(0, recordTimestamp))
              : IsoInstant.parse(v, createdStart, createdEnd);
      deadline = deadlineStart < 0 ? null : IsoInstant.parse(v, deadlineStart, deadlineEnd);
    } catch (DateTimeException e) {
      return null; // the Jackson paths say which field and why
    }
    String id =
        idStart < 0 || isBlank(v, idStart, idEnd)
            ? TaskCodec.fallbackId(topic, partition, offset)
            : text(v, idStart, idEnd);
    return Task.withEncodedPayload(
        id,
        text(v, typeStart, typeEnd),
        new EncodedPayload(trees, v, payloadStart, payloadEnd - payloadStart),
        createdAt,
        schemaVersion,
        deadline);
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
