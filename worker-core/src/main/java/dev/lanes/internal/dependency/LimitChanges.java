package dev.lanes.internal.dependency;

import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an adaptive limit's changes at most once per check: the limit moves with every call's
 * latency, far too often for a line each, so a timer compares it with what was logged last.
 */
final class LimitChanges {

  private static final Logger log = LoggerFactory.getLogger(LimitChanges.class);

  private final String dependency;
  private final IntSupplier limit;
  private int logged;

  LimitChanges(String dependency, IntSupplier limit) {
    this.dependency = dependency;
    this.limit = limit;
    this.logged = limit.getAsInt();
  }

  /** Logs the limit if it moved since the last line; returns whether it did. Timer thread only. */
  boolean check() {
    int now = limit.getAsInt();
    if (now == logged) {
      return false;
    }
    log.info(
        "dependency limit changed dependency={} limit {} -> {} ({})",
        dependency,
        logged,
        now,
        now < logged ? "calls slowed down" : "calls are fast again");
    logged = now;
    return true;
  }
}
