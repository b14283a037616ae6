package dev.lanes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.task.TaskCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds task records the way a producer writes them. */
final class TaskRecords {

  private static final TaskCodec CODEC = new TaskCodec();
  private static final ObjectMapper JSON = CODEC.mapper();

  private TaskRecords() {}

  static ProducerRecord<String, String> task(String topic, String key, String id, String type) {
    return task(topic, key, id, type, JSON.createObjectNode());
  }

  static ProducerRecord<String, String> task(
      String topic, String key, String id, String type, ObjectNode payload) {
    Task task = new Task(id, type, payload, Instant.now(), Task.CURRENT_SCHEMA_VERSION);
    return new ProducerRecord<>(topic, key, new String(CODEC.encode(task), UTF_8));
  }

  /** {@code count} tasks of {@code type} with ids {@code prefix-0..}, without keys. */
  static List<ProducerRecord<String, String>> tasks(
      String topic, String prefix, String type, int count) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(task(topic, null, prefix + "-" + i, type));
    }
    return records;
  }

  static ProducerRecord<String, String> raw(String topic, String value) {
    return new ProducerRecord<>(topic, null, value);
  }

  static ObjectNode payload() {
    return JSON.createObjectNode();
  }
}
