package dev.lanes.task;

import java.util.Locale;

/** Why a record is not a task the lane can run. */
public enum RejectionReason {
  /** The record has no value (a tombstone or an empty message). */
  EMPTY,
  /** The value is not parseable JSON. */
  NOT_JSON,
  /** The value continues after the envelope's JSON object (a second document, or garbage). */
  TRAILING_DATA,
  /** A number is beyond the range of a double: it would reach the handler as Infinity. */
  NUMBER_OUT_OF_RANGE,
  /** The value is JSON but not an object. */
  NOT_AN_OBJECT,
  /** The envelope has no (or a blank) {@code type}. */
  MISSING_TYPE,
  /** A field has the wrong JSON type or an unparseable value. */
  INVALID_FIELD,
  /** The envelope is of a newer schema version than this runtime understands. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** No handler is registered for the envelope's type. */
  UNKNOWN_TYPE;

  /** The value used in metric tags and logs. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
