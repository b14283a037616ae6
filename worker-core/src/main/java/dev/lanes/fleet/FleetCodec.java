package dev.lanes.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes and reads the records of the fleet topics as JSON with snake_case fields and ISO-8601
 * times, e.g. {@code {"worker_id":"w1","host":"pod-1","zone":"zone-a",...}}. Reading is strict
 * about what it needs and ignores fields it does not know, so a newer worker's report still reads.
 * Thread-safe.
 */
public final class FleetCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The key of a report: the worker id (or dependency name) in UTF-8. */
  public static byte[] key(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  public byte[] encode(WorkerReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("worker_id", report.workerId());
    root.put("host", report.host());
    if (report.zone() != null) {
      root.put("zone", report.zone());
    }
    root.put("version", report.version());
    root.put("started_at", report.startedAt().toString());
    root.put("updated_at", report.updatedAt().toString());
    root.put("interval_ms", report.interval().toMillis());
    ArrayNode lanes = root.putArray("lanes");
    for (WorkerReport.LaneReport lane : report.lanes()) {
      ObjectNode node = lanes.addObject();
      node.put("lane", lane.lane());
      node.put("group", lane.group());
      ArrayNode partitions = node.putArray("partitions");
      lane.partitions().forEach(partitions::add);
      node.put("in_flight", lane.inFlight());
      node.put("lag", lane.lag());
      node.put("lag_excluding_paused", lane.lagExcludingPaused());
      node.put("tasks_per_second", lane.tasksPerSecond());
      ArrayNode paused = node.putArray("paused");
      for (WorkerReport.PausedPartition partition : lane.paused()) {
        ObjectNode entry = paused.addObject();
        entry.put("partition", partition.partition());
        entry.put("reason", partition.reason());
        if (partition.dependency() != null) {
          entry.put("dependency", partition.dependency());
        }
      }
    }
    ArrayNode dependencies = root.putArray("dependencies");
    for (WorkerReport.DependencyView view : report.dependencies()) {
      ObjectNode node = dependencies.addObject();
      node.put("name", view.name());
      node.put("state", view.state());
      node.put("since", view.since().toString());
      node.put("paused_partitions", view.pausedPartitions());
      node.put("shared", view.shared());
    }
    return bytes(root);
  }

  /**
   * @throws FleetRecordException when {@code value} is not a worker report
   */
  public WorkerReport decodeWorker(byte[] value) {
    JsonNode root = parse(value, "worker report");
    return build(
        "worker report",
        () ->
            new WorkerReport(
                text(root, "worker_id"),
                text(root, "host"),
                optionalText(root, "zone"),
                text(root, "version"),
                instant(root, "started_at"),
                instant(root, "updated_at"),
                Duration.ofMillis(number(root, "interval_ms").longValue()),
                list(root, "lanes", FleetCodec::lane),
                list(root, "dependencies", FleetCodec::dependencyView)));
  }

  public byte[] encode(DependencyReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dependency", report.dependency());
    root.put("state", report.state());
    if (report.until() != null) {
      root.put("until", report.until().toString());
    }
    root.put("by", report.by());
    root.put("reason", report.reason());
    root.put("at", report.at().toString());
    return bytes(root);
  }

  /**
   * @throws FleetRecordException when {@code value} is not a dependency report
   */
  public DependencyReport decodeDependency(byte[] value) {
    JsonNode root = parse(value, "dependency report");
    return build(
        "dependency report",
        () ->
            new DependencyReport(
                text(root, "dependency"),
                text(root, "state"),
                root.hasNonNull("until") ? instant(root, "until") : null,
                text(root, "by"),
                optionalText(root, "reason"),
                instant(root, "at")));
  }

  private static WorkerReport.LaneReport lane(JsonNode node) {
    return new WorkerReport.LaneReport(
        text(node, "lane"),
        text(node, "group"),
        list(node, "partitions", element -> textValue(element, "partitions[]")),
        number(node, "in_flight").intValue(),
        number(node, "lag").longValue(),
        number(node, "lag_excluding_paused").longValue(),
        number(node, "tasks_per_second").doubleValue(),
        list(
            node,
            "paused",
            entry ->
                new WorkerReport.PausedPartition(
                    text(entry, "partition"),
                    text(entry, "reason"),
                    optionalText(entry, "dependency"))));
  }

  private static WorkerReport.DependencyView dependencyView(JsonNode node) {
    JsonNode shared = node.get("shared");
    if (shared == null || !shared.isBoolean()) {
      throw new FleetRecordException("field 'shared' must be true or false, was " + shared);
    }
    return new WorkerReport.DependencyView(
        text(node, "name"),
        text(node, "state"),
        instant(node, "since"),
        number(node, "paused_partitions").intValue(),
        shared.booleanValue());
  }

  private interface Construction<T> {
    T make();
  }

  private static <T> T build(String what, Construction<T> construction) {
    try {
      return construction.make();
    } catch (FleetRecordException e) {
      throw new FleetRecordException("not a " + what + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new FleetRecordException("not a " + what + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(byte[] value, String what) {
    if (value == null) {
      throw new FleetRecordException("not a " + what + ": the value is null (a tombstone)");
    }
    try {
      JsonNode root = JSON.readTree(value);
      if (root == null || !root.isObject()) {
        throw new FleetRecordException("not a " + what + ": not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new FleetRecordException(
          "not a " + what + ": malformed JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new FleetRecordException("not a " + what + ": unreadable (" + e + ")", e);
    }
  }

  private static String text(JsonNode node, String field) {
    return textValue(node.get(field), field);
  }

  private static String textValue(JsonNode value, String field) {
    if (value == null || !value.isTextual()) {
      throw new FleetRecordException("field '" + field + "' must be a string, was " + value);
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode node, String field) {
    return node.hasNonNull(field) ? text(node, field) : null;
  }

  private static Number number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new FleetRecordException("field '" + field + "' must be a number, was " + value);
    }
    return value.numberValue();
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new FleetRecordException(
          "field '" + field + "' must be an ISO-8601 instant, was " + text, e);
    }
  }

  private static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> element) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new FleetRecordException("field '" + field + "' must be an array, was " + value);
    }
    List<T> items = new ArrayList<>(value.size());
    value.forEach(item -> items.add(element.apply(item)));
    return items;
  }

  private static byte[] bytes(ObjectNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a fleet record could not be written as JSON", e);
    }
  }
}
