package dev.lanes.app.dlt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LanesHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record of a dead-letter topic, as read: where it sits, its bytes, and what its headers say.
 * Key and value stay bytes so a replay writes back exactly what was dead-lettered. The arrays are
 * copied in and out: a record is immutable.
 *
 * @param keyBytes the record key, or null
 * @param value the record value, or null
 * @param headers every header of the record, runtime and user, in record order
 * @param taskId the envelope's id, or null when the value is not an envelope or has no id
 * @param type the envelope's type, or null when the value is not an envelope
 * @param failure the runtime's failure headers, parsed
 */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    Instant timestamp,
    byte[] keyBytes,
    byte[] value,
    List<Header> headers,
    String taskId,
    String type,
    FailureHeaders failure) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public DeadLetter {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(failure, "failure");
    keyBytes = keyBytes == null ? null : keyBytes.clone();
    value = value == null ? null : value.clone();
    headers = List.copyOf(headers);
  }

  /** Reads a dead-letter record, taking task id and type from the value when it is an envelope. */
  public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
    List<Header> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new RecordHeader(header.key(), header.value()));
    }
    JsonNode envelope = envelope(record.value());
    return new DeadLetter(
        record.topic(),
        record.partition(),
        record.offset(),
        Instant.ofEpochMilli(record.timestamp()),
        record.key(),
        record.value(),
        headers,
        text(envelope, "id"),
        text(envelope, "type"),
        FailureHeaders.from(record.headers()));
  }

  @Override
  public byte[] keyBytes() {
    return keyBytes == null ? null : keyBytes.clone();
  }

  @Override
  public byte[] value() {
    return value == null ? null : value.clone();
  }

  /** The key as UTF-8 text, or null. */
  public String key() {
    return keyBytes == null ? null : new String(keyBytes, StandardCharsets.UTF_8);
  }

  /** The headers the user put on the task: all but the runtime's {@code lanes.*} ones. */
  public List<Header> userHeaders() {
    return headers.stream().filter(h -> !h.key().startsWith(LanesHeaders.PREFIX)).toList();
  }

  /** Where it sits, {@code <topic>-<partition>@<offset>}: how operators and logs name a record. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }

  /** Equal when every component is, comparing key and value by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DeadLetter that
        && topic.equals(that.topic)
        && partition == that.partition
        && offset == that.offset
        && timestamp.equals(that.timestamp)
        && Arrays.equals(keyBytes, that.keyBytes)
        && Arrays.equals(value, that.value)
        && headers.equals(that.headers)
        && Objects.equals(taskId, that.taskId)
        && Objects.equals(type, that.type)
        && failure.equals(that.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, Arrays.hashCode(value));
  }

  /** Where it is and what it was, never the payload: this may end up in a log. */
  @Override
  public String toString() {
    return "DeadLetter["
        + position()
        + ", task "
        + taskId
        + ", type "
        + type
        + ", reason "
        + failure.reason()
        + "]";
  }

  // Read leniently, not with TaskCodec: the codec makes up an id when the envelope has none, and a
  // dead letter is often exactly the record that failed to decode.
  private static JsonNode envelope(byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    try {
      JsonNode root = MAPPER.readTree(value);
      return root != null && root.isObject() ? root : null;
    } catch (IOException e) {
      return null; // not JSON: the value is shown as bytes, there is no task id to list
    }
  }

  private static String text(JsonNode envelope, String field) {
    JsonNode node = envelope == null ? null : envelope.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
