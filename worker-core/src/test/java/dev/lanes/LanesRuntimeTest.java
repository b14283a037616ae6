package dev.lanes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.diagnostics.DiagnosticHandlers;
import org.junit.jupiter.api.Test;

class LanesRuntimeTest {

  private final LaneConfig batch = LaneConfig.of("batch", "tasks.batch");

  @Test
  void buildNamesWhatIsMissing() {
    assertThatThrownBy(() -> LanesRuntime.builder().handlers(DiagnosticHandlers.registry()).build())
        .hasMessage("bootstrapServers must be set, was null");
    assertThatThrownBy(() -> LanesRuntime.builder().bootstrapServers("b:1").lane(batch).build())
        .hasMessage("handlers must be set");
    assertThatThrownBy(
            () ->
                LanesRuntime.builder()
                    .bootstrapServers("b:1")
                    .handlers(DiagnosticHandlers.registry())
                    .build())
        .hasMessage("at least one lane must be configured");
  }

  @Test
  void aLaneCanBeConfiguredOnce() {
    assertThatThrownBy(() -> LanesRuntime.builder().lane(batch).lane(batch))
        .hasMessage("lane batch is configured twice");
  }

  @Test
  void autoCommitIsRefusedBeforeAnyConsumerIsMade() {
    assertThatThrownBy(
            () ->
                LanesRuntime.builder()
                    .bootstrapServers("b:1")
                    .handlers(DiagnosticHandlers.registry())
                    .lane(batch)
                    .consumerProperty("enable.auto.commit", true)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable.auto.commit must be false");
  }
}
