package dev.lanes.app.dlt;

import java.util.List;

/**
 * The dead letters a filter selected, and how many matched in all: a limit must not hide that there
 * were more.
 *
 * @param deadLetters the selected ones, oldest first, at most the filter's limit
 * @param matched how many matched the filter before the limit applied
 */
public record DeadLetterSelection(List<DeadLetter> deadLetters, long matched) {

  public DeadLetterSelection {
    deadLetters = List.copyOf(deadLetters);
    if (matched < deadLetters.size()) {
      throw new IllegalArgumentException(
          "matched must be >= the " + deadLetters.size() + " selected, was " + matched);
    }
  }

  /** How many matched but were left out by the limit. */
  public long notShown() {
    return matched - deadLetters.size();
  }

  /**
   * One line saying how many more match and how to see them, e.g. {@code 132 more dead letters
   * match beyond the oldest 100 shown; --limit 232 lists them all}.
   */
  public String moreNote() {
    return notShown()
        + " more dead letter"
        + (notShown() == 1 ? "" : "s")
        + " match beyond the oldest "
        + deadLetters.size()
        + " shown; --limit "
        + matched
        + " lists them all";
  }
}
