package dev.lanes.console.internal.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.app.status.FleetStatus.DependencyRow;
import dev.lanes.app.status.StatusJson;
import java.io.UncheckedIOException;

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
      ObjectNode node = lanes.addObject();
      StatusJson.putLane(node, view.row());
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
      StatusJson.putDependency(dependencies.addObject(), dependency);
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
}
