package dev.lanes.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * The fleet's breaker state of one dependency, as published on {@code lanes.dependencies} (key =
 * dependency name) by the worker whose breaker changed: every worker follows the latest record.
 *
 * @param dependency the dependency's name, the record's key
 * @param state {@link #OPEN}, {@link #HALF_OPEN} (the fleet's prober is probing) or {@link #CLOSED}
 * @param until when an open breaker is due to be probed; null unless open
 * @param by the id of the worker that made the change
 * @param reason why: the failure that opened it, or what closed it
 * @param at when the change was made
 */
public record DependencyReport(
    String dependency, String state, Instant until, String by, String reason, Instant at) {

  public static final String OPEN = "OPEN";
  public static final String HALF_OPEN = "HALF_OPEN";
  public static final String CLOSED = "CLOSED";

  public DependencyReport {
    WorkerReport.requireText(dependency, "dependency");
    if (!OPEN.equals(state) && !HALF_OPEN.equals(state) && !CLOSED.equals(state)) {
      throw new IllegalArgumentException(
          "state must be OPEN, HALF_OPEN or CLOSED, was "
              + state
              + " (dependency "
              + dependency
              + ")");
    }
    if (OPEN.equals(state)) {
      Objects.requireNonNull(until, "until (an OPEN state says until when)");
    }
    WorkerReport.requireText(by, "by");
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(at, "at");
  }

  public boolean isOpen() {
    return OPEN.equals(state);
  }

  public boolean isClosed() {
    return CLOSED.equals(state);
  }
}
