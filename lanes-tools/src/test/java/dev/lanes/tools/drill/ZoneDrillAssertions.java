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
}
