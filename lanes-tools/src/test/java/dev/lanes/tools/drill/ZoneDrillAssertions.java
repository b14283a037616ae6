package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

/** What every zone drill must show, read from {@code lanes drill --json}. */
final class ZoneDrillAssertions {

  private ZoneDrillAssertions() {}

  static void assertNothingLost(DrillCommandRun run) {
    String context = run.reportLine().isEmpty() ? run.output() : run.reportLine();
    assertThat(run.reportLine()).as("the report line in the output").isNotEmpty();
    assertThat(run.count("produced")).as(context).isPositive();
    assertThat(run.count("lost")).as(context).isZero();
    assertThat(run.count("unacknowledged")).as(context).isZero();
    assertThat(run.count("produce_errors"))
        .as("every failed send resent or reported: " + context)
        .isEqualTo(run.count("resent") + run.count("unacknowledged"));
    for (String phase : new String[] {"before", "during", "after"}) {
      assertThat(run.has("realtime_p99_ms_" + phase))
          .as("realtime p99 " + phase + ": " + context)
          .isTrue();
    }
    assertThat(run.exit()).as("exit code: " + context).isZero();
  }

  /**
   * The other nodes fenced {@code node} while its process still ran: the fault really silenced it
   * (a freeze or a cut that did nothing would otherwise pass as one the fleet rode out).
   */
  static void assertFencedWhileRunning(DrillCommandRun run, int node) {
    assertThat(run.output())
        .as("the timeline")
        .containsPattern(
            "node "
                + node
                + " "
                + NodeFencing.FENCED
                + " [0-9.]+ s after .*, its process still running")
        .doesNotContain("node " + node + " " + NodeFencing.NOT_FENCED);
  }
}
