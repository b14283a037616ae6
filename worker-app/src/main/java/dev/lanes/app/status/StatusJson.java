package dev.lanes.app.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.app.status.FleetStatus.DependencyRow;
import dev.lanes.app.status.FleetStatus.LaneRow;
import dev.lanes.fleet.WorkerReport;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The fleet as one JSON document on one line, snake_case fields, ISO-8601 times: {@code
 * {"workers":[...],"gone_workers":n,"lanes":[...],"dependencies":[...],"healthy":bool,
 * "problems":[...]}}. Absent values are {@code null}.
 */
public final class StatusJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  public static String document(FleetStatus status) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode workers = root.putArray("workers");
    for (WorkerReport worker : status.workers()) {
      ObjectNode node = workers.addObject();
      node.put("worker_id", worker.workerId());
      node.put("host", worker.host());
      node.put("zone", worker.zone());
      node.put("version", worker.version());
      ArrayNode lanes = node.putArray("lanes");
      worker.lanes().forEach(lane -> lanes.add(lane.lane()));
      node.put("started_at", iso(worker.startedAt()));
      node.put("updated_at", iso(worker.updatedAt()));
    }
    root.put("gone_workers", status.goneWorkers());
    ArrayNode lanes = root.putArray("lanes");
    for (LaneRow lane : status.lanes()) {
      putLane(lanes.addObject(), lane);
    }
    ArrayNode dependencies = root.putArray("dependencies");
    for (DependencyRow dependency : status.dependencies()) {
      putDependency(dependencies.addObject(), dependency);
    }
    root.put("healthy", status.healthy());
    ArrayNode problems = root.putArray("problems");
    status.problems().forEach(problems::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the fleet's status as JSON", e);
    }
  }

  /**
   * A lane's fields, as {@code lanes status --json} and the console's {@code /api/lanes} name them.
   */
  public static void putLane(ObjectNode node, LaneRow lane) {
    node.put("lane", lane.lane());
    node.put("partitions", lane.partitions());
    node.put("lag", lane.lag());
    node.put("lag_excluding_paused", lane.lagExcludingPaused());
    node.put("in_flight", lane.inFlight());
    node.put("tasks_per_second", lane.tasksPerSecond());
    node.put("dead_letters_last_hour", lane.deadLettersLastHour());
    node.put("live_workers", lane.liveWorkers());
  }

  /** A dependency's fields, named as {@link #putLane} names a lane's. */
  public static void putDependency(ObjectNode node, DependencyRow dependency) {
    node.put("name", dependency.name());
    node.put("state", dependency.state());
    node.put("since", iso(dependency.since()));
    node.put("by", dependency.by());
    node.put("until", iso(dependency.until()));
    node.put("reason", dependency.reason());
    ObjectNode paused = node.putObject("paused_partitions");
    dependency.pausedByWorker().forEach(paused::put);
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
