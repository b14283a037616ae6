package dev.lanes.console.internal.deadletters;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.DeadLetterFilter;
import dev.lanes.app.dlt.ReplayTarget;
import dev.lanes.console.internal.ConsoleProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a replay form or {@code POST /api/replay} asks for: one record, a selection, or everything
 * the filters match, sent to the main or the first retry topic.
 *
 * @param positions {@code <partition>@<offset>} of the chosen records (scope one and selected)
 * @param query the filters (scope matching); its cursor and limit do not apply
 */
public record ReplayRequest(
    Scope scope, List<String> positions, DeadLetterQuery query, ReplayTarget to) {

  /** What a replay covers. */
  public enum Scope {
    ONE,
    SELECTED,
    MATCHING;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Set<String> TARGETS = Set.of("main", "retry");

  public ReplayRequest {
    positions = List.copyOf(positions);
  }

  /**
   * Reads a replay request. Without {@code scope} (the API), positions mean "selected" and none
   * means "matching".
   */
  public static ReplayRequest parse(Map<String, List<String>> parameters) {
    List<String> targets =
        parameters.getOrDefault("to", List.of()).stream()
            .map(String::trim)
            .filter(value -> !value.isEmpty())
            .toList();
    Map<String, List<String>> filters = parameters;
    List<String> positions = new ArrayList<>();
    for (String position : parameters.getOrDefault("position", List.of())) {
      if (!position.isBlank()) {
        positions.add(position(position.trim()));
      }
    }
    Scope scope = scope(DeadLetterQuery.first(parameters, "scope"), positions);
    if (scope == Scope.ONE && positions.size() != 1) {
      throw ConsoleProblem.badRequest(
          "scope one needs exactly one position, was " + positions.size());
    }
    if (scope == Scope.SELECTED && positions.isEmpty()) {
      throw ConsoleProblem.badRequest(
          "scope selected needs at least one position: select dead letters to replay");
    }
    return new ReplayRequest(
        scope,
        scope == Scope.MATCHING ? List.of() : positions,
        DeadLetterQuery.parse(filters, DeadLetterQuery.API_LIMIT),
        target(targets));
  }

  /** Every dead letter the request covers: the scan keeps them all, as the CLI's replay does. */
  public DeadLetterFilter filter() {
    return scope == Scope.MATCHING ? query.filter(Integer.MAX_VALUE) : DeadLetterFilter.all();
  }

  /** What the filter cannot say: the chosen positions, or the console's extra filters. */
  public Predicate<DeadLetter> andAlso() {
    if (scope == Scope.MATCHING) {
      return query::matchesBeyondFilter;
    }
    Set<String> chosen = new LinkedHashSet<>(positions);
    return deadLetter -> chosen.contains(deadLetter.partition() + "@" + deadLetter.offset());
  }

  private static Scope scope(String value, List<String> positions) {
    if (value == null) {
      return positions.isEmpty() ? Scope.MATCHING : Scope.SELECTED;
    }
    for (Scope scope : Scope.values()) {
      if (scope.value().equals(value)) {
        return scope;
      }
    }
    throw ConsoleProblem.badRequest("scope must be one, selected or matching, was '" + value + "'");
  }

  private static ReplayTarget target(List<String> values) {
    for (String value : values) {
      if (!TARGETS.contains(value)) {
        throw ConsoleProblem.badRequest("to must be main or retry, was '" + value + "'");
      }
    }
    if (values.stream().distinct().count() > 1) {
      throw ConsoleProblem.badRequest("to must be main or retry, was both");
    }
    return values.isEmpty() || values.get(0).equals("main")
        ? ReplayTarget.MAIN
        : ReplayTarget.RETRY;
  }

  static String position(String value) {
    int at = value.indexOf('@');
    try {
      if (at > 0) {
        int partition = Integer.parseInt(value.substring(0, at));
        long offset = Long.parseLong(value.substring(at + 1));
        if (partition >= 0 && offset >= 0) {
          return partition + "@" + offset;
        }
      }
    } catch (NumberFormatException e) {
      // the message below says what a position looks like
    }
    throw ConsoleProblem.badRequest(
        "position must be <partition>@<offset>, e.g. 0@17, was '" + value + "'");
  }
}
