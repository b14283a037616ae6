package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillReportTest {

  @Test
  void countsLostAndDuplicatedTasks() {
    TaskFates fates = new TaskFates();
    fates.completed("once");
    fates.completed("twice");
    fates.completed("twice");
    fates.deadLettered("dead");
    fates.completed("both");
    fates.deadLettered("both");

    DrillReport report =
        DrillReport.of("test", Set.of("once", "twice", "dead", "both", "never"), fates);

    assertThat(report.lost()).containsExactly("never");
    assertThat(report.duplicates()).isEqualTo(2);
    assertThat(report.completed()).isEqualTo(3);
    assertThat(report.deadLettered()).isEqualTo(2);
    assertThat(report.toString())
        .startsWith(
            "drill=test produced=5 completed=3 dead-lettered=2 lost=1 duplicates=2 first-lost=[never]");
  }
}
