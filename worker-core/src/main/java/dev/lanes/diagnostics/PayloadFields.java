package dev.lanes.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.InvalidTaskException;

/** Reads optional payload fields; a wrong value makes the task invalid, so it is never retried. */
final class PayloadFields {

  private PayloadFields() {}

  static long longField(JsonNode payload, String field, long fallback, long min) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToExactIntegral() || node.asLong() < min) {
      throw new InvalidTaskException(field + " must be an integer >= " + min + ", was " + node);
    }
    return node.asLong();
  }

  static double probabilityField(JsonNode payload, String field, double fallback) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      throw new InvalidTaskException(field + " must be a number in [0, 1], was " + node);
    }
    return node.asDouble();
  }

  static boolean booleanField(JsonNode payload, String field, boolean fallback) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new InvalidTaskException(field + " must be true or false, was " + node);
    }
    return node.booleanValue();
  }
}
