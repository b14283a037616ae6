package dev.lanes.task;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lanes.Task;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Decodes a well-formed envelope in one pass over the parser's tokens, building a tree for the
 * payload only. Reading the whole envelope into a tree first cost most of a no-op task's time: an
 * object node, a map entry and a value node per field, all thrown away at once.
 *
 * <p>Only the common case is read here; anything unusual (not an object, a field of the wrong kind,
 * a field given twice, bad JSON, an unparseable date, a number out of range, bytes after the
 * object) returns null, and {@link TaskCodec}'s tree path decodes it and explains what is wrong
 * exactly as it always has.
 */
final class EnvelopeReader {

  private final ObjectMapper mapper;
  // Resolves the tree deserializer once: the mapper would look it up again for every payload.
  private final ObjectReader payloadReader;

  EnvelopeReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.payloadReader = mapper.readerFor(JsonNode.class).with(new FiniteNumbers());
  }

  /** The task, or null when the value needs the tree path. */
  Task read(byte[] value, long recordTimestamp, String fallbackId) {
    try (JsonParser parser = mapper.getFactory().createParser(value)) {
      return read(parser, recordTimestamp, fallbackId);
    } catch (IOException | RuntimeException e) {
      return null; // the tree path meets the same problem and names it
    }
  }

  private Task read(JsonParser parser, long recordTimestamp, String fallbackId) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    String type = null;
    JsonNode payload = null;
    String createdAt = null;
    String deadlineText = null;
    int schemaVersion = Task.CURRENT_SCHEMA_VERSION;
    int seen = 0; // one bit per envelope field: a repeated one goes to the tree path
    String field;
    while ((field = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      int bit = bitOf(field);
      if (bit == 0) {
        parser.skipChildren(); // unknown fields are allowed: producers may be newer
        continue;
      }
      if ((seen & bit) != 0) {
        return null;
      }
      seen |= bit;
      switch (field) {
        case TaskCodec.ID -> {
          if (token != JsonToken.VALUE_NULL) {
            id = textOrNull(parser, token);
            if (id == null) {
              return null;
            }
          }
        }
        case TaskCodec.TYPE -> {
          type = textOrNull(parser, token);
          if (type == null || type.isBlank()) {
            return null;
          }
        }
        case TaskCodec.PAYLOAD -> payload = token == JsonToken.VALUE_NULL ? null : tree(parser);
        case TaskCodec.CREATED_AT -> {
          if (token != JsonToken.VALUE_NULL) {
            createdAt = textOrNull(parser, token);
            if (createdAt == null) {
              return null;
            }
          }
        }
        case TaskCodec.DEADLINE -> {
          if (token != JsonToken.VALUE_NULL) {
            deadlineText = textOrNull(parser, token);
            if (deadlineText == null) {
              return null;
            }
          }
        }
        case TaskCodec.SCHEMA_VERSION -> {
          if (token != JsonToken.VALUE_NULL) {
            if (token != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() != JsonParser.NumberType.INT) {
              return null;
            }
            schemaVersion = parser.getIntValue();
            if (schemaVersion < 1 || schemaVersion > Task.CURRENT_SCHEMA_VERSION) {
              return null;
            }
          }
        }
        default -> throw new IllegalStateException("no case for envelope field " + field);
      }
    }
    if (type == null || parser.currentToken() != JsonToken.END_OBJECT) {
      return null;
    }
    if (parser.nextToken() != null) {
      return null; // something follows the object
    }
    Instant created = createdAt(createdAt, recordTimestamp);
    if (created == null) {
      return null;
    }
    Instant deadline = null;
    if (deadlineText != null) {
      deadline = instantOrNull(deadlineText);
      if (deadline == null) {
        return null;
      }
    }
    return new Task(
        id == null || id.isBlank() ? fallbackId : id,
        type,
        payload == null ? mapper.createObjectNode() : payload,
        created,
        schemaVersion,
        deadline);
  }

  private static int bitOf(String field) {
    return switch (field) {
      case TaskCodec.ID -> 1;
      case TaskCodec.TYPE -> 2;
      case TaskCodec.PAYLOAD -> 4;
      case TaskCodec.CREATED_AT -> 8;
      case TaskCodec.SCHEMA_VERSION -> 16;
      case TaskCodec.DEADLINE -> 32;
      default -> 0;
    };
  }

  private static String textOrNull(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_STRING ? parser.getText() : null;
  }

  private JsonNode tree(JsonParser parser) throws IOException {
    JsonNode node = payloadReader.readValue(parser);
    return node == null || node.isMissingNode() || node.isNull() ? null : node;
  }

  private static Instant createdAt(String text, long recordTimestamp) {
    if (text == null) {
      return Instant.ofEpochMilli(Math.max(0, recordTimestamp));
    }
    return instantOrNull(text);
  }

  private static Instant instantOrNull(String text) {
    try {
      return IsoInstant.parse(text);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
