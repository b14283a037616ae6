package dev.lanes.tools.drill;

import java.util.List;
import java.util.Map;

/**
 * One scenario's outcome, as {@code lanes drill} prints it and writes it with {@code --json}.
 * CONTRACT STUB (reportLine, toJson): implemented by the i16-metrics branch.
 *
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

  /**
   * {@code drill=zone-loss produced= completed= dead-lettered= lost= duplicates= produce-errors=
   * resent= unacknowledged= realtime-p99-ms before= during= after= recovery-s= in-sync-s=}
   */
  String reportLine() {
    throw new UnsupportedOperationException("contract stub");
  }

  /**
   * The scenario's JSON object: produced, completed, dead_lettered, lost, duplicates,
   * produce_errors, resent, unacknowledged, realtime_p99_ms_before, realtime_p99_ms_during,
   * realtime_p99_ms_after, recovery_s, in_sync_s (null when not a broker scenario), windows.
   */
  Map<String, Object> toJson() {
    throw new UnsupportedOperationException("contract stub");
  }
}
