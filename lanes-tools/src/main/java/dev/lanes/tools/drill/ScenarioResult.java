package dev.lanes.tools.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's outcome, as {@code lanes drill} prints it and writes it with {@code --json}.
 *
 * @param waits the realtime waits; null figures (or null waits) print as {@code -}
 * @param produce what the producer saw; null prints as {@code -}
 * @param inSyncSeconds broker scenarios: from the repair to every replica back in sync; else null
 * @param windows the realtime waits in 10 s windows, for the timeline
 * @param events what the scenario did and when, e.g. {@code +35.2s killed zone-a}
 */
record ScenarioResult(
    String scenario,
    DrillReport report,
    WaitFigures waits,
    ProduceFigures produce,
    Double inSyncSeconds,
    List<WaitWindow> windows,
    List<String> events) {

  private static final int FIRST_LOST = 10;

  ScenarioResult {
    windows = windows == null ? List.of() : List.copyOf(windows);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /**
   * {@code drill=zone-loss produced= completed= dead-lettered= lost= duplicates= produce-errors=
   * resent= unacknowledged= realtime-p99-ms before= during= after= recovery-s= in-sync-s=}; no
   * {@code in-sync-s} when not a broker scenario, and {@code first-lost=[...]} when tasks were
   * lost.
   */
  String reportLine() {
    WaitFigures w = waits == null ? new WaitFigures(null, null, null, null) : waits;
    StringBuilder line =
        new StringBuilder("drill=")
            .append(scenario)
            .append(" produced=")
            .append(report.produced())
            .append(" completed=")
            .append(report.completed())
            .append(" dead-lettered=")
            .append(report.deadLettered())
            .append(" lost=")
            .append(report.lost().size())
            .append(" duplicates=")
            .append(report.duplicates())
            .append(" produce-errors=")
            .append(produce == null ? "-" : produce.errors())
            .append(" resent=")
            .append(produce == null ? "-" : produce.resent())
            .append(" unacknowledged=")
            .append(produce == null ? "-" : produce.unacknowledged())
            .append(" realtime-p99-ms before=")
            .append(orDash(w.p99BeforeMs()))
            .append(" during=")
            .append(orDash(w.p99DuringMs()))
            .append(" after=")
            .append(orDash(w.p99AfterMs()))
            .append(" recovery-s=")
            .append(seconds(w.recoverySeconds()));
    if (inSyncSeconds != null) {
      line.append(" in-sync-s=").append(seconds(inSyncSeconds));
    }
    if (!report.lost().isEmpty()) {
      line.append(" first-lost=").append(firstLost());
    }
    return line.toString();
  }

  /**
   * The scenario's JSON object: produced, completed, dead_lettered, lost (a count), first_lost (up
   * to 10 ids), duplicates, produce_errors, resent, unacknowledged, realtime_p99_ms_before,
   * realtime_p99_ms_during, realtime_p99_ms_after, recovery_s, in_sync_s (null when not a broker
   * scenario), windows ({@code from_s}/{@code to_s} in seconds from the first window's start,
   * tasks, p99_ms) and events. Null figures are JSON nulls.
   */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("produced", report.produced());
    json.put("completed", report.completed());
    json.put("dead_lettered", report.deadLettered());
    json.put("lost", report.lost().size());
    json.put("first_lost", firstLost());
    json.put("duplicates", report.duplicates());
    json.put("produce_errors", produce == null ? null : produce.errors());
    json.put("resent", produce == null ? null : produce.resent());
    json.put("unacknowledged", produce == null ? null : produce.unacknowledged());
    json.put("realtime_p99_ms_before", waits == null ? null : waits.p99BeforeMs());
    json.put("realtime_p99_ms_during", waits == null ? null : waits.p99DuringMs());
    json.put("realtime_p99_ms_after", waits == null ? null : waits.p99AfterMs());
    json.put("recovery_s", waits == null ? null : waits.recoverySeconds());
    json.put("in_sync_s", inSyncSeconds);
    json.put("windows", windowsJson());
    json.put("events", events);
    return json;
  }

  private List<Map<String, Object>> windowsJson() {
    List<Map<String, Object>> json = new ArrayList<>();
    long origin = windows.isEmpty() ? 0 : windows.get(0).from();
    for (WaitWindow window : windows) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("from_s", (window.from() - origin) / 1000.0);
      entry.put("to_s", (window.to() - origin) / 1000.0);
      entry.put("tasks", window.tasks());
      entry.put("p99_ms", window.p99Ms());
      json.add(entry);
    }
    return json;
  }

  private List<String> firstLost() {
    return List.copyOf(report.lost().subList(0, Math.min(FIRST_LOST, report.lost().size())));
  }

  private static String orDash(Long value) {
    return value == null ? "-" : value.toString();
  }

  private static String seconds(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
