package dev.lanes.fleet;

/**
 * A record on a fleet topic that is not what Lanes writes there: malformed JSON, a missing or bad
 * field, a foreign producer. Readers log it once with its offset and skip it.
 */
public final class FleetRecordException extends IllegalArgumentException {

  public FleetRecordException(String message) {
    super(message);
  }

  public FleetRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
