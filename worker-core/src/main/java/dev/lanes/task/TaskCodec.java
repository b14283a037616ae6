package dev.lanes.task;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads and writes the JSON task envelope:
 *
 * <pre>{"id": "…uuid…", "type": "sleep", "payload": {"ms": 20},
 *  "createdAt": "2026-11-27T10:00:00Z", "schemaVersion": 1, "deadline": "2026-11-27T10:00:30Z"}
 * </pre>
 *
 * Thread-safe. Unknown fields are ignored so producers can add fields before workers know them.
 */
public final class TaskCodec {

  static final String ID = "id";
  static final String TYPE = "type";
  static final String PAYLOAD = "payload";
  static final String CREATED_AT = "createdAt";
  static final String SCHEMA_VERSION = "schemaVersion";
  static final String DEADLINE = "deadline";

  private final ObjectMapper mapper;
  private final ObjectReader trees;
  private final EnvelopeReader envelopes;
  private final EnvelopeScanner scanner; // null when the mapper is stricter than it checks

  public TaskCodec() {
    this(new ObjectMapper());
  }

  /** Configure {@code mapper} before: decoding payloads uses a snapshot of its settings. */
  public TaskCodec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.trees = mapper.reader().with(new FiniteNumbers());
    this.envelopes = new EnvelopeReader(mapper);
    this.scanner = EnvelopeScanner.forMapper(mapper, trees);
  }

  /**
   * Decodes a record value; an envelope without an id gets a random one. The runtime uses {@link
   * #decode(byte[], long, String, int, long)}, whose ids stay the same on every attempt.
   *
   * @param recordTimestamp stands in for {@code createdAt} when the envelope has none
   * @throws MalformedTaskException with the reason when the value is not a valid envelope
   */
  public Task decode(byte[] value, long recordTimestamp) {
    return decode(value, recordTimestamp, null, 0, 0);
  }

  /**
   * Decodes a record value. The payload is checked to be JSON now and parsed when {@link
   * Task#payload()} is first called.
   *
   * @param recordTimestamp stands in for {@code createdAt} when the envelope has none
   * @param topic with {@code partition} and {@code offset}: where the record was first produced (a
   *     retry's original record). An envelope without an id gets {@code topic-partition@offset},
   *     made only then. Null gives a random id instead.
   * @throws MalformedTaskException with the reason when the value is not a valid envelope
   */
  public Task decode(byte[] value, long recordTimestamp, String topic, int partition, long offset) {
    if (value == null || value.length == 0) {
      throw new MalformedTaskException(RejectionReason.EMPTY, "record has no value");
    }
    Task task =
        scanner == null ? null : scanner.read(value, recordTimestamp, topic, partition, offset);
    return task != null
        ? task
        : decodeWithJackson(value, recordTimestamp, topic, partition, offset);
  }

  /** Decodes what the scanner left: well-formed in an unusual way, or not a valid envelope. */
  Task decodeWithJackson(
      byte[] value, long recordTimestamp, String topic, int partition, long offset) {
    String fallbackId = fallbackId(topic, partition, offset);
    Task task = envelopes.read(value, recordTimestamp, fallbackId);
    if (task != null) {
      return task;
    }
    // Not the common well-formed case: read the tree, which names what is wrong, if anything.
    JsonNode root = parse(value);
    if (!root.isObject()) {
      throw new MalformedTaskException(
          RejectionReason.NOT_AN_OBJECT,
          "envelope must be a JSON object, was " + root.getNodeType());
    }
    String type = requiredType(root);
    String id = optionalText(root, ID);
    JsonNode payload = root.get(PAYLOAD);
    return new Task(
        id == null || id.isBlank() ? fallbackId : id,
        type,
        payload == null || payload.isNull() ? mapper.createObjectNode() : payload,
        createdAt(root, recordTimestamp),
        schemaVersion(root),
        deadline(root));
  }

  /** The scanner this codec's mapper allows, or null: for tests that compare both paths. */
  EnvelopeScanner scanner() {
    return scanner;
  }

  /** The id of an envelope without one: its first record's position, or random without one. */
  static String fallbackId(String topic, int partition, long offset) {
    return topic == null ? UUID.randomUUID().toString() : topic + "-" + partition + "@" + offset;
  }

  public byte[] encode(Task task) {
    ObjectNode node = mapper.createObjectNode();
    node.put(ID, task.id());
    node.put(TYPE, task.type());
    node.set(PAYLOAD, task.payload());
    node.put(CREATED_AT, task.createdAt().toString());
    node.put(SCHEMA_VERSION, task.schemaVersion());
    if (task.deadline() != null) {
      node.put(DEADLINE, task.deadline().toString());
    }
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode task " + task.id(), e);
    }
  }

  /** The mapper handlers can use to read payloads into their own types. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The value as one JSON document; whatever follows it, but whitespace, is rejected. */
  private JsonNode parse(byte[] value) {
    try (JsonParser parser = trees.createParser(value)) {
      JsonNode root = readTree(parser);
      if (root == null || root.isMissingNode()) {
        throw new MalformedTaskException(RejectionReason.NOT_JSON, "value is not JSON");
      }
      rejectTrailingData(parser, value.length);
      return root;
    } catch (JacksonException e) {
      throw new MalformedTaskException(
          RejectionReason.NOT_JSON, "value is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode readTree(JsonParser parser) throws IOException {
    try {
      return trees.readTree(parser);
    } catch (FiniteNumbers.OutOfRange e) {
      // The parser still stands on the number: name it and where it is.
      throw new MalformedTaskException(
          RejectionReason.NUMBER_OUT_OF_RANGE,
          "number "
              + parser.getText()
              + " at "
              + parser.getParsingContext().pathAsPointer()
              + " is beyond the range of a double (about ±1.8e308)");
    }
  }

  private static void rejectTrailingData(JsonParser parser, int length) throws IOException {
    long end = parser.currentLocation().getByteOffset();
    boolean more;
    try {
      more = parser.nextToken() != null;
    } catch (JacksonException e) {
      more = true; // not even JSON follows
    }
    if (more) {
      throw new MalformedTaskException(
          RejectionReason.TRAILING_DATA,
          "value continues after the JSON object that ends at byte "
              + end
              + " ("
              + (length - end)
              + " more bytes)");
    }
  }

  private static String requiredType(JsonNode root) {
    String type = optionalText(root, TYPE);
    if (type == null || type.isBlank()) {
      throw new MalformedTaskException(RejectionReason.MISSING_TYPE, "envelope has no type");
    }
    return type;
  }

  private static String optionalText(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedTaskException(
          RejectionReason.INVALID_FIELD, field + " must be a string, was " + node.getNodeType());
    }
    return node.textValue();
  }

  private static Instant createdAt(JsonNode root, long recordTimestamp) {
    String text = optionalText(root, CREATED_AT);
    if (text == null) {
      return Instant.ofEpochMilli(Math.max(0, recordTimestamp));
    }
    try {
      return IsoInstant.parse(text);
    } catch (DateTimeException e) {
      throw new MalformedTaskException(
          RejectionReason.INVALID_FIELD, "createdAt must be an ISO-8601 instant, was " + text, e);
    }
  }

  private static Instant deadline(JsonNode root) {
    String text = optionalText(root, DEADLINE);
    if (text == null) {
      return null;
    }
    try {
      return IsoInstant.parse(text);
    } catch (DateTimeException e) {
      throw new MalformedTaskException(
          RejectionReason.INVALID_FIELD, "deadline must be an ISO-8601 instant, was " + text, e);
    }
  }

  private static int schemaVersion(JsonNode root) {
    JsonNode node = root.get(SCHEMA_VERSION);
    if (node == null || node.isNull()) {
      return Task.CURRENT_SCHEMA_VERSION;
    }
    if (!node.canConvertToExactIntegral() || node.asInt() < 1) {
      throw new MalformedTaskException(
          RejectionReason.INVALID_FIELD, "schemaVersion must be an integer >= 1, was " + node);
    }
    int version = node.asInt();
    if (version > Task.CURRENT_SCHEMA_VERSION) {
      throw new MalformedTaskException(
          RejectionReason.UNSUPPORTED_SCHEMA_VERSION,
          "schemaVersion "
              + version
              + " is newer than this runtime understands ("
              + Task.CURRENT_SCHEMA_VERSION
              + ")");
    }
    return version;
  }
}
