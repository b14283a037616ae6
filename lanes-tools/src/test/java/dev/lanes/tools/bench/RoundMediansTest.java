package dev.lanes.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundMediansTest {

  @Test
  void eachFigureIsTheMedianOfItsRounds() {
    Map<String, Object> medians =
        RoundMedians.of(
            List.of(
                Map.of("records", 1000, "cpu_ns_per_record_key", 900L, "ratio_key", 0.5),
                Map.of("records", 1000, "cpu_ns_per_record_key", 3000L, "ratio_key", 0.7),
                Map.of("records", 1000, "cpu_ns_per_record_key", 1000L, "ratio_key", 0.6)));

    assertThat(medians)
        .containsEntry("records", 1000)
        .containsEntry("cpu_ns_per_record_key", 1000L)
        .containsEntry("ratio_key", 0.6);
  }

  @Test
  void anEvenCountTakesTheMeanOfTheMiddleTwoAndKeepsWholeNumbersWhole() {
    Map<String, Object> medians =
        RoundMedians.of(
            List.of(
                Map.of("alloc_bytes_per_record_key", 100L, "ratio_key", 0.5),
                Map.of("alloc_bytes_per_record_key", 103L, "ratio_key", 0.6)));

    assertThat(medians)
        .containsEntry("alloc_bytes_per_record_key", 102L)
        .containsEntry("ratio_key", 0.55);
  }

  @Test
  void oneRoundIsItsOwnMedian() {
    Map<String, Object> round = Map.of("raw_records_per_s", 1_764_328L);

    assertThat(RoundMedians.of(List.of(round))).isEqualTo(round);
  }

  @Test
  void aFigureMissingFromARoundIsNamed() {
    assertThatThrownBy(
            () ->
                RoundMedians.of(List.of(Map.of("ratio_key", 0.5), Map.of("ratio_unordered", 0.5))))
        .hasMessageContaining("ratio_key");
  }
}
