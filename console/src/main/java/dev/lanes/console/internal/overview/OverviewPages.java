package dev.lanes.console.internal.overview;

import dev.lanes.console.ConsoleSettings;
import dev.lanes.console.internal.web.Router;

/** The overview: {@code /}, its live fragment, and {@code GET /api/lanes}. */
public final class OverviewPages {

  public OverviewPages(ConsoleSettings settings) {
    // TODO(overview part)
  }

  public void register(Router router) {
    // TODO(overview part)
  }
}
