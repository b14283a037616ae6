package dev.lanes.console.internal.deadletters;

import dev.lanes.console.ConsoleSettings;
import dev.lanes.console.internal.web.Router;

/**
 * The dead letters: list, groups, one record, its raw bytes, replay; and {@code GET
 * /api/dead-letters}, {@code POST /api/replay}.
 */
public final class DeadLetterPages {

  public DeadLetterPages(ConsoleSettings settings) {
    // TODO(dead-letter part)
  }

  public void register(Router router) {
    // TODO(dead-letter part)
  }
}
