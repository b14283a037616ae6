package dev.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.task.EncodedPayload;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A unit of work as producers write it: the JSON envelope of a Kafka record's value. The record
 * key, when present, is the ordering key and is not part of the envelope.
 *
 * <p>A task decoded from a record keeps its payload as the record's bytes, already checked to be
 * valid JSON, and parses them into a tree on the first call of {@link #payload()}: a handler that
 * never looks at the payload never pays for the tree. Later calls return the same tree.
 *
 * <p>Thread-safe: a task handed to another thread (as the runtime hands it to a worker) may be read
 * there, and {@link #payload()} parses at most once even when threads race for it. The payload tree
 * itself is a mutable Jackson node: a handler that changes it changes what every reader sees.
 */
public final class Task {

  /** The envelope schema version this runtime writes and understands. */
  public static final int CURRENT_SCHEMA_VERSION = 1;

  private final String id;
  private final String type;
  private final Instant createdAt;
  private final int schemaVersion;
  private final Instant deadline;
  // The record's payload bytes until payload() parses them; null when the task was built with a
  // tree.
  private final EncodedPayload encoded;
  private volatile JsonNode payload;

  /**
   * @param id unique task id (generated when the producer left it out, see the README)
   * @param type the handler type the runtime dispatches on
   * @param payload handler-specific JSON; an empty object when absent
   * @param createdAt when the producer created the task (the record timestamp when absent)
   * @param schemaVersion envelope schema version
   * @param deadline when the task stops being worth running, or null when it has none: a task still
   *     unstarted at its deadline goes to the dead-letter topic with reason {@code expired}
   */
  public Task(
      String id,
      String type,
      JsonNode payload,
      Instant createdAt,
      int schemaVersion,
      Instant deadline) {
    this(
        id,
        type,
        null,
        Objects.requireNonNull(payload, "payload"),
        createdAt,
        schemaVersion,
        deadline);
  }

  /** A task without a deadline. */
  public Task(String id, String type, JsonNode payload, Instant createdAt, int schemaVersion) {
    this(id, type, payload, createdAt, schemaVersion, null);
  }

  private Task(
      String id,
      String type,
      EncodedPayload encoded,
      JsonNode payload,
      Instant createdAt,
      int schemaVersion,
      Instant deadline) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
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
    this.id = id;
    this.type = type;
    this.encoded = encoded;
    this.payload = payload;
    this.createdAt = createdAt;
    this.schemaVersion = schemaVersion;
    this.deadline = deadline;
  }

  /**
   * A task whose payload is parsed on first use. Only {@link dev.lanes.task.TaskCodec} makes an
   * {@link EncodedPayload}, after checking its bytes are valid JSON.
   */
  public static Task withEncodedPayload(
      String id,
      String type,
      EncodedPayload payload,
      Instant createdAt,
      int schemaVersion,
      Instant deadline) {
    return new Task(
        id,
        type,
        Objects.requireNonNull(payload, "payload"),
        null,
        createdAt,
        schemaVersion,
        deadline);
  }

  /** A new task of {@code type} with a fresh id, created now. */
  public static Task create(String type, JsonNode payload) {
    return new Task(
        UUID.randomUUID().toString(), type, payload, Instant.now(), CURRENT_SCHEMA_VERSION);
  }

  /** This task with {@code deadline} (null for none); the payload stays unparsed if it was. */
  public Task withDeadline(Instant deadline) {
    JsonNode tree = payload;
    return tree != null
        ? new Task(id, type, null, tree, createdAt, schemaVersion, deadline)
        : new Task(id, type, encoded, null, createdAt, schemaVersion, deadline);
  }

  /** Unique task id. */
  public String id() {
    return id;
  }

  /** The handler type the runtime dispatches on. */
  public String type() {
    return type;
  }

  /**
   * Handler-specific JSON; an empty object when the envelope has none. Parsed from the record on
   * the first call; every call returns the same tree.
   */
  public JsonNode payload() {
    JsonNode tree = payload;
    if (tree == null) {
      synchronized (this) {
        tree = payload;
        if (tree == null) {
          tree = encoded.parse();
          payload = tree;
        }
      }
    }
    return tree;
  }

  /** When the producer created the task (the record timestamp when the envelope has none). */
  public Instant createdAt() {
    return createdAt;
  }

  /** Envelope schema version. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** When the task stops being worth running, or null when it has none. */
  public Instant deadline() {
    return deadline;
  }

  /** Equal when every field is, the payload compared as a tree (parsing it if need be). */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Task that
        && schemaVersion == that.schemaVersion
        && id.equals(that.id)
        && type.equals(that.type)
        && createdAt.equals(that.createdAt)
        && Objects.equals(deadline, that.deadline)
        && payload().equals(that.payload());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, payload(), createdAt, schemaVersion, deadline);
  }

  @Override
  public String toString() {
    return "Task[id="
        + id
        + ", type="
        + type
        + ", payload="
        + payload()
        + ", createdAt="
        + createdAt
        + ", schemaVersion="
        + schemaVersion
        + ", deadline="
        + deadline
        + "]";
  }
}
