package dev.lanes.console.internal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.app.dlt.ReplayTarget;
import dev.lanes.console.internal.ConsoleProblem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

  private final DeadLetter io =
      DeadLetterSeeds.task("tasks.r", "t-1", "charge")
          .partition(1)
          .exhausted(4, new IOException("timeout"))
          .toDeadLetter(3);

  @Test
  void selectedReplaysExactlyThePositionsChosen() {
    ReplayRequest request =
        ReplayRequest.parse(
            Map.of(
                "scope",
                List.of("selected"),
                "position",
                List.of("1@3", "0@2"),
                "to",
                List.of("retry")));

    assertThat(request.scope()).isEqualTo(ReplayRequest.Scope.SELECTED);
    assertThat(request.to()).isEqualTo(ReplayTarget.RETRY);
    assertThat(request.andAlso().test(io)).isTrue();
    assertThat(request.filter().limit()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void matchingReplaysWhatTheFiltersSelectIgnoringPositions() {
    ReplayRequest request =
        ReplayRequest.parse(
            Map.of(
                "scope",
                List.of("matching"),
                "error",
                List.of("IllegalStateException"),
                "position",
                List.of("1@3")));

    assertThat(request.positions()).isEmpty();
    assertThat(request.andAlso().test(io)).isFalse();
    assertThat(request.to()).isEqualTo(ReplayTarget.MAIN);
  }

  @Test
  void theTargetAndTheTimeRangesEndTravelTogetherInOneForm() {
    ReplayRequest request =
        ReplayRequest.parse(
            Map.of(
                "to",
                List.of("retry"),
                "until",
                List.of("2026-11-27T10:00"),
                "from",
                List.of("2026-11-27T09:00")));

    assertThat(request.to()).isEqualTo(ReplayTarget.RETRY);
    assertThat(request.query().until()).isEqualTo(java.time.Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void withoutAScopePositionsMeanSelectedAndNoneMeansMatching() {
    assertThat(ReplayRequest.parse(Map.of("position", List.of("0@1"))).scope())
        .isEqualTo(ReplayRequest.Scope.SELECTED);
    assertThat(ReplayRequest.parse(Map.of("type", List.of("charge"))).scope())
        .isEqualTo(ReplayRequest.Scope.MATCHING);
  }

  @Test
  void badFieldsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> ReplayRequest.parse(Map.of("position", List.of("1:3"))))
        .isInstanceOf(ConsoleProblem.class)
        .hasMessage("position must be <partition>@<offset>, e.g. 0@17, was '1:3'");
    assertThatThrownBy(() -> ReplayRequest.parse(Map.of("to", List.of("dlt"))))
        .hasMessage("to must be main or retry, was 'dlt'");
    assertThatThrownBy(() -> ReplayRequest.parse(Map.of("to", List.of("main", "retry"))))
        .hasMessage("to must be main or retry, was both");
    assertThatThrownBy(() -> ReplayRequest.parse(Map.of("scope", List.of("all"))))
        .hasMessage("scope must be one, selected or matching, was 'all'");
    assertThatThrownBy(() -> ReplayRequest.parse(Map.of("scope", List.of("selected"))))
        .hasMessage("scope selected needs at least one position: select dead letters to replay");
    assertThatThrownBy(
            () ->
                ReplayRequest.parse(
                    Map.of("scope", List.of("one"), "position", List.of("0@1", "0@2"))))
        .hasMessage("scope one needs exactly one position, was 2");
  }
}
