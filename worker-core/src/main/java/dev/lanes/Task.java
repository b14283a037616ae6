package dev.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A unit of work as producers write it: the JSON envelope of a Kafka record's value. The record
 * key, when present, is the ordering key and is not part of the envelope.
 *
 * @param id unique task id (a UUID string; generated when the producer left it out)
 * @param type the handler type the runtime dispatches on
 * @param payload handler-specific JSON; an empty object when absent
 * @param createdAt when the producer created the task (the record timestamp when absent)
 * @param schemaVersion envelope schema version
 * @param deadline when the task stops being worth running, or null when it has none: a task still
 *     unstarted at its deadline goes to the dead-letter topic with reason {@code expired}
 */
public record Task(
    String id,
    String type,
    JsonNode payload,
    Instant createdAt,
    int schemaVersion,
    Instant deadline) {

  /** The envelope schema version this runtime writes and understands. */
  public static final int CURRENT_SCHEMA_VERSION = 1;

  /** A new task of {@code type} with a fresh id, created now. */
  public static Task create(String type, JsonNode payload) {
    return new Task(
        UUID.randomUUID().toString(), type, payload, Instant.now(), CURRENT_SCHEMA_VERSION);
  }

  /** A task without a deadline. */
  public Task(String id, String type, JsonNode payload, Instant createdAt, int schemaVersion) {
    this(id, type, payload, createdAt, schemaVersion, null);
  }

  /** This task with {@code deadline} (null for none). */
  public Task withDeadline(Instant deadline) {
    return new Task(id, type, payload, createdAt, schemaVersion, deadline);
  }

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank");
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
    }
  }
}
