package dev.lanes.console.internal.deadletters;

import dev.lanes.app.dlt.DeadLetter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts dead letters per (reason, error class) during a scan, so "1,200 dead letters" reads as "3
 * causes". Memory grows with the number of groups, not of dead letters: past {@code maxGroups}
 * distinct groups, the rest are counted together in one "other" row.
 */
public final class DeadLetterGroups {

  public static final int MAX_GROUPS = 1000;

  private final int maxGroups;
  private final Map<Key, Long> counts = new HashMap<>();
  private long other;
  private long total;

  public DeadLetterGroups(int maxGroups) {
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be >= 1, was " + maxGroups);
    }
    this.maxGroups = maxGroups;
  }

  public void add(DeadLetter deadLetter) {
    total++;
    Key key = new Key(deadLetter.failure().reason(), deadLetter.failure().exceptionClass());
    Long count = counts.get(key);
    if (count != null) {
      counts.put(key, count + 1);
    } else if (counts.size() < maxGroups) {
      counts.put(key, 1L);
    } else {
      other++;
    }
  }

  /** Every dead letter counted. */
  public long total() {
    return total;
  }

  /** The groups, largest first, then the "other" row when the cap was reached. */
  public List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    counts.forEach((key, count) -> groups.add(new Group(key.reason, key.errorClass, count, false)));
    groups.sort(
        Comparator.comparingLong(Group::count)
            .reversed()
            .thenComparing(g -> Objects.toString(g.reason(), ""))
            .thenComparing(g -> Objects.toString(g.errorClass(), "")));
    if (other > 0) {
      groups.add(new Group(null, null, other, true));
    }
    return groups;
  }

  /**
   * One row of the grouped view.
   *
   * @param reason the runtime's reason tag, or null when the header is missing
   * @param errorClass the exception class, fully qualified, or null
   * @param other whether this row counts every group past the cap together
   */
  public record Group(String reason, String errorClass, long count, boolean other) {}

  private record Key(String reason, String errorClass) {}
}
