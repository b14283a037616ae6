package dev.lanes.console.internal.deadletters;

import dev.lanes.LaneConfig;
import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.DeadLetterReader;
import dev.lanes.app.dlt.DeadLetterSelection;
import dev.lanes.console.internal.ConsoleProblem;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Reads a lane's dead letters for the console through the CLI's {@link DeadLetterReader}: one
 * bounded scan per request, keeping at most a page (or one count per group) in memory.
 */
final class DeadLetterSearch {

  private final Map<String, Object> clientProperties;
  private final Clock clock;

  DeadLetterSearch(Map<String, Object> clientProperties, Clock clock) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.clock = clock;
  }

  /**
   * A page: the oldest {@code limit} after the cursor, how many match the filters in all (before
   * and after the cursor), and the cursor of the next page when there is one.
   */
  Page page(LaneConfig lane, DeadLetterQuery query) {
    long[] matchedInAll = {0};
    DeadLetterSelection selection =
        KafkaFailures.call(
            "read " + lane.deadLetterTopic(),
            () ->
                reader(lane)
                    .select(
                        query.filter(query.limit()),
                        deadLetter -> {
                          if (!query.matchesBeyondFilter(deadLetter)) {
                            return false;
                          }
                          matchedInAll[0]++;
                          return query.isAfterCursor(deadLetter);
                        }));
    List<DeadLetter> deadLetters = selection.deadLetters();
    Cursor next =
        selection.notShown() > 0 ? Cursor.of(deadLetters.get(deadLetters.size() - 1)) : null;
    return new Page(deadLetters, matchedInAll[0], next);
  }

  /** Counts per (reason, error class) of everything the filters match: a full bounded scan. */
  DeadLetterGroups groups(LaneConfig lane, DeadLetterQuery query) {
    DeadLetterGroups groups = new DeadLetterGroups(DeadLetterGroups.MAX_GROUPS);
    KafkaFailures.call(
        "read " + lane.deadLetterTopic(),
        () ->
            reader(lane)
                .select(
                    query.filter(1),
                    deadLetter -> {
                      if (query.matchesBeyondFilter(deadLetter)) {
                        groups.add(deadLetter);
                      }
                      return false; // counted, not kept
                    }));
    return groups;
  }

  /** The dead letter at partition@offset, parsed from the path with messages naming the values. */
  DeadLetter find(LaneConfig lane, String partition, String offset) {
    int p = number("partition", partition, Integer.MAX_VALUE);
    long o = number("offset", offset, Long.MAX_VALUE);
    return KafkaFailures.call(
        "read " + lane.deadLetterTopic() + "-" + p + "@" + o, () -> reader(lane).find(p, o));
  }

  private DeadLetterReader reader(LaneConfig lane) {
    return new DeadLetterReader(clientProperties, lane.deadLetterTopic(), clock);
  }

  private static int number(String name, String value, int max) {
    return (int) number(name, value, (long) max);
  }

  private static long number(String name, String value, long max) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw ConsoleProblem.badRequest(name + " must be a number >= 0, was '" + value + "'");
  }

  /**
   * One page of a list.
   *
   * @param matched how many match the filters in all, on every page
   * @param next where the next page starts, or null on the last
   */
  record Page(List<DeadLetter> deadLetters, long matched, Cursor next) {}
}
