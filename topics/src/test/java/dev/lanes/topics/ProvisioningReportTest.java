package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningReportTest {

  private static final TopicDrift PARTITIONS = TopicDrift.partitions("c", 12, 6);
  private static final TopicDrift RETENTION = TopicDrift.config("c", "retention.ms", "1", "2");

  @Test
  void reportWithoutDriftHasNoDrift() {
    ProvisioningReport report = new ProvisioningReport(List.of("a"), List.of("b"), List.of());

    assertThat(report.hasDrift()).isFalse();
    assertThat(report.summary()).isEqualTo("topics created=[a] unchanged=[b] drifted=[]");
  }

  @Test
  void summaryListsEachDriftedSettingOnItsOwnLine() {
    ProvisioningReport report =
        new ProvisioningReport(List.of("a"), List.of("b"), List.of(PARTITIONS, RETENTION));

    assertThat(report.hasDrift()).isTrue();
    assertThat(report.drifted()).containsExactly("c");
    assertThat(report.summary().lines())
        .containsExactly(
            "topics created=[a] unchanged=[b] drifted=[c]",
            "  " + PARTITIONS.message(),
            "  " + RETENTION.message());
  }

  @Test
  void rejectsATopicReportedTwice() {
    assertThatThrownBy(() -> new ProvisioningReport(List.of("a"), List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("each topic must be reported once, 'a' appears twice");
  }

  @Test
  void rejectsATopicBothUnchangedAndDrifted() {
    assertThatThrownBy(() -> new ProvisioningReport(List.of(), List.of("c"), List.of(PARTITIONS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("each topic must be reported once, 'c' appears twice");
  }
}
