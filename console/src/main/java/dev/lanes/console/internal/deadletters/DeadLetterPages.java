package dev.lanes.console.internal.deadletters;

import dev.lanes.LaneConfig;
import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.ReplayResult;
import dev.lanes.console.ConsoleSettings;
import dev.lanes.console.internal.web.Request;
import dev.lanes.console.internal.web.Response;
import dev.lanes.console.internal.web.Router;
import dev.lanes.console.internal.web.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dead letters: list, groups, one record, its raw bytes, replay; and {@code GET
 * /api/dead-letters}, {@code POST /api/replay}. Reading works without JavaScript: plain GET forms
 * and links.
 */
public final class DeadLetterPages {

  private final LaneLookup lanes;
  private final DeadLetterSearch search;
  private final AuditedReplays replays;
  private final DeadLetterApi api;

  public DeadLetterPages(ConsoleSettings settings) {
    this.lanes = new LaneLookup(settings.lanes());
    this.search = new DeadLetterSearch(settings.clientProperties(), settings.clock());
    this.replays = new AuditedReplays(settings.clientProperties(), settings.clock());
    this.api = new DeadLetterApi(lanes, search, replays);
  }

  public void register(Router router) {
    router.get("/lanes/{lane}/dead-letters", this::list);
    router.get("/lanes/{lane}/dead-letters/{partition}/{offset}", this::detail);
    router.get("/lanes/{lane}/dead-letters/{partition}/{offset}/raw", this::raw);
    router.post("/lanes/{lane}/replay", this::replay);
    router.get("/api/dead-letters", api::list);
    router.post("/api/replay", api::replay);
  }

  private Response list(Request request) {
    LaneConfig lane = lanes.lane(request.pathParam("lane"));
    DeadLetterQuery query = DeadLetterQuery.parse(request.query(), DeadLetterQuery.PAGE_LIMIT);
    boolean grouped = "groups".equals(request.queryParam("view"));
    Map<String, String> filters = query.given();
    List<ListView.Row> rows = new ArrayList<>();
    List<ListView.GroupRow> groups = new ArrayList<>();
    long matched;
    String next = null;
    if (grouped) {
      DeadLetterGroups counted = search.groups(lane, query);
      matched = counted.total();
      for (DeadLetterGroups.Group group : counted.groups()) {
        groups.add(groupRow(lane.name(), filters, group));
      }
    } else {
      DeadLetterSearch.Page page = search.page(lane, query);
      matched = page.matched();
      page.deadLetters().forEach(deadLetter -> rows.add(ListView.Row.of(lane.name(), deadLetter)));
      if (page.next() != null) {
        next = Links.list(lane.name(), filters, "after", page.next().toString());
      }
    }
    String thisPage =
        grouped
            ? Links.list(lane.name(), filters, "view", "groups")
            : Links.list(lane.name(), filters);
    ListView view =
        new ListView(
            lane.name(),
            lane.deadLetterTopic(),
            grouped,
            filters,
            rows,
            groups,
            matched,
            next,
            Links.list(lane.name(), filters),
            Links.list(lane.name(), filters, "view", "groups"),
            Links.replay(lane.name()),
            thisPage);
    return Templates.page(
        200,
        "deadletters.jte",
        Map.of("chrome", request.chrome(), "view", view, "signIn", Links.signIn(thisPage)));
  }

  private static ListView.GroupRow groupRow(
      String lane, Map<String, String> filters, DeadLetterGroups.Group group) {
    if (group.other()) {
      return new ListView.GroupRow(null, null, group.count(), true, null);
    }
    Map<String, String> narrowed = new LinkedHashMap<>(filters);
    if (group.reason() != null) {
      narrowed.put("reason", group.reason());
    }
    if (group.errorClass() != null) {
      narrowed.put("error", group.errorClass());
    }
    return new ListView.GroupRow(
        group.reason(), group.errorClass(), group.count(), false, Links.list(lane, narrowed));
  }

  private Response detail(Request request) {
    LaneConfig lane = lanes.lane(request.pathParam("lane"));
    DeadLetter deadLetter =
        search.find(lane, request.pathParam("partition"), request.pathParam("offset"));
    String thisPage = Links.detail(lane.name(), deadLetter.partition(), deadLetter.offset());
    return Templates.page(
        200,
        "deadletter.jte",
        Map.of(
            "chrome", request.chrome(),
            "lane", lane.name(),
            "topic", lane.deadLetterTopic(),
            "view", DeadLetterView.of(deadLetter),
            "listHref", Links.list(lane.name(), Map.of()),
            "rawHref", thisPage + "/raw",
            "replayAction", Links.replay(lane.name()),
            "signIn", Links.signIn(thisPage)));
  }

  private Response raw(Request request) {
    LaneConfig lane = lanes.lane(request.pathParam("lane"));
    DeadLetter deadLetter =
        search.find(lane, request.pathParam("partition"), request.pathParam("offset"));
    byte[] value = deadLetter.value();
    return Response.download(
        lane.deadLetterTopic() + "-" + deadLetter.partition() + "-" + deadLetter.offset() + ".bin",
        value == null ? new byte[0] : value);
  }

  private Response replay(Request request) {
    LaneConfig lane = lanes.lane(request.pathParam("lane"));
    ReplayRequest replay = ReplayRequest.parse(request.form());
    String back = back(lane.name(), replay);
    if (!"yes".equals(request.formParam("confirm"))) {
      ReplayResult preview = replays.preview(lane, replay);
      return Templates.page(
          200,
          "replay-confirm.jte",
          Map.of(
              "chrome", request.chrome(),
              "lane", lane.name(),
              "request", replay,
              "preview", preview,
              "fields", repost(request.form()),
              "action", Links.replay(lane.name()),
              "backHref", back));
    }
    ReplayResult result = replays.replay(lane, replay, request.caller());
    return Templates.page(
        200,
        "replay-result.jte",
        Map.of(
            "chrome",
            request.chrome(),
            "lane",
            lane.name(),
            "result",
            result,
            "firstFailure",
            result.firstFailure() == null ? "" : String.valueOf(result.firstFailure().getMessage()),
            "backHref",
            back));
  }

  /** Where "back" goes from a replay: the record replayed alone, else the filtered list. */
  private static String back(String lane, ReplayRequest replay) {
    if (replay.scope() == ReplayRequest.Scope.ONE) {
      String[] position = replay.positions().get(0).split("@");
      return Links.detail(lane, Integer.parseInt(position[0]), Long.parseLong(position[1]));
    }
    return Links.list(lane, replay.query().given());
  }

  /** The posted fields for the confirmation's form, but the CSRF token, which it sets afresh. */
  private static List<Field> repost(Map<String, List<String>> form) {
    List<Field> fields = new ArrayList<>();
    form.forEach(
        (name, values) -> {
          if (!name.equals("csrf") && !name.equals("confirm")) {
            values.forEach(value -> fields.add(new Field(name, value)));
          }
        });
    return fields;
  }

  /** A hidden form field. */
  public record Field(String name, String value) {}
}
