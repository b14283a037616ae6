package dev.lanes.console.internal.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.app.status.FleetStatus.DependencyRow;
import dev.lanes.app.status.FleetStatus.LaneRow;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * {@code GET /api/lanes}: the overview as JSON with {@code lanes status --json}'s field names, plus
 * each lane's per-partition lag and per-minute series (60 numbers, oldest first, the last the
 * minute in progress). Absent values are {@code null}.
 */
final class OverviewJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OverviewJson() {}

  static String document(Overview overview) {
    ObjectNode root = JSON.createObjectNode();
    root.put("at", overview.at().toString());
    root.put("series_start", overview.hour().start().toString());
    root.put("fleet_reported", overview.fleetReported());
    ArrayNode lanes = root.putArray("lanes");
    for (LaneView view : overview.lanes()) {
      LaneRow lane = view.row();
      ObjectNode node = lanes.addObject();
      node.put("lane", lane.lane());
      node.put("partitions", lane.partitions());
      node.put("lag", lane.lag());
      node.put("lag_excluding_paused", lane.lagExcludingPaused());
      node.put("in_flight", lane.inFlight());
      node.put("tasks_per_second", lane.tasksPerSecond());
      node.put("live_workers", lane.liveWorkers());
      node.put("dead_letters_last_hour", lane.deadLettersLastHour());
      ObjectNode partitionLag = node.putObject("partition_lag");
      view.partitionLag().forEach(partitionLag::put);
      ArrayNode retries = node.putArray("retries_per_minute");
      for (long count : view.retriesPerMinute()) {
        retries.add(count);
      }
      ArrayNode deadLetters = node.putArray("dead_letters_per_minute");
      for (long count : view.deadLettersPerMinute()) {
        deadLetters.add(count);
      }
    }
    ArrayNode dependencies = root.putArray("dependencies");
    for (DependencyRow dependency : overview.dependencies()) {
      ObjectNode node = dependencies.addObject();
      node.put("name", dependency.name());
      node.put("state", dependency.state());
      node.put("since", iso(dependency.since()));
      node.put("by", dependency.by());
      node.put("until", iso(dependency.until()));
      node.put("reason", dependency.reason());
      ObjectNode paused = node.putObject("paused_partitions");
      dependency.pausedByWorker().forEach(paused::put);
    }
    root.put("workers", overview.workers());
    ArrayNode problems = root.putArray("problems");
    overview.problems().forEach(problems::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the overview as JSON", e);
    }
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
