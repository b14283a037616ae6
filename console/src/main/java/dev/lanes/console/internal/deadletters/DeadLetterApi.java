package dev.lanes.console.internal.deadletters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.LaneConfig;
import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.ReplayResult;
import dev.lanes.console.internal.web.Request;
import dev.lanes.console.internal.web.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/dead-letters} and {@code POST /api/replay}: what the pages show, as JSON for
 * scripts. The server enforces the token; problems answer {@code {"error": ...}}.
 */
final class DeadLetterApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LaneLookup lanes;
  private final DeadLetterSearch search;
  private final AuditedReplays replays;

  DeadLetterApi(LaneLookup lanes, DeadLetterSearch search, AuditedReplays replays) {
    this.lanes = lanes;
    this.search = search;
    this.replays = replays;
  }

  Response list(Request request) {
    LaneConfig lane = lanes.lane(request.queryParam("lane"));
    DeadLetterQuery query = DeadLetterQuery.parse(request.query(), DeadLetterQuery.API_LIMIT);
    DeadLetterSearch.Page page = search.page(lane, query);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("lane", lane.name());
    answer.put("matched", page.matched());
    answer.put("next", page.next() == null ? null : page.next().toString());
    ArrayNode deadLetters = answer.putArray("dead_letters");
    for (DeadLetter deadLetter : page.deadLetters()) {
      ObjectNode item = deadLetters.addObject();
      item.put("lane", lane.name());
      item.put("partition", deadLetter.partition());
      item.put("offset", deadLetter.offset());
      item.put("type", deadLetter.type());
      item.put("reason", deadLetter.failure().reason());
      item.put("error_class", deadLetter.failure().exceptionClass());
      item.put("attempts", deadLetter.failure().attempts());
      item.put("time", deadLetter.timestamp().toString());
      item.put("task_id", deadLetter.taskId());
      item.put("message", deadLetter.failure().exceptionMessage());
    }
    return Response.json(200, answer.toString());
  }

  /** Parameters from the urlencoded body or the query string; the body wins for a name in both. */
  Response replay(Request request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>(request.query());
    request.form().forEach((name, values) -> parameters.put(name, new ArrayList<>(values)));
    LaneConfig lane = lanes.lane(DeadLetterQuery.first(parameters, "lane"));
    ReplayResult result = replays.replay(lane, ReplayRequest.parse(parameters), request.caller());
    ObjectNode answer = JSON.createObjectNode();
    answer.put("produced", result.replayed());
    answer.put("skipped", result.skipped());
    answer.put("failed", result.failed());
    answer.put("target", result.target());
    if (result.firstFailure() != null) {
      answer.put("first_failure", String.valueOf(result.firstFailure().getMessage()));
    }
    return Response.json(200, answer.toString());
  }
}
