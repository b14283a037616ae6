package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void noArgumentsRunTheDemoOnALocalBroker() {
    DemoOptions options = DemoOptions.parse(List.of(), null);

    assertThat(options.tasksPerLane()).isEqualTo(DemoOptions.DEFAULT_TASKS_PER_LANE);
    assertThat(options.bootstrapServers()).isNull();
    assertThat(options.help()).isFalse();
  }

  @Test
  void environmentNamesAnExternalClusterAndTheFlagWins() {
    assertThat(DemoOptions.parse(List.of(), "env:9092").bootstrapServers()).isEqualTo("env:9092");
    assertThat(
            DemoOptions.parse(List.of("demo", "--bootstrap-servers", "flag:9092"), "env:9092")
                .bootstrapServers())
        .isEqualTo("flag:9092");
    assertThat(DemoOptions.parse(List.of(), " ").bootstrapServers()).isNull();
  }

  @Test
  void badInputGetsAMessageNamingIt() {
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--tasks", "many"), null))
        .hasMessage("--tasks must be a whole number, was many");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--tasks", "0"), null))
        .hasMessage("--tasks must be between 1 and 1000000, was 0");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--tasks"), null))
        .hasMessage("--tasks needs a value");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--frobnicate"), null))
        .hasMessage("unknown argument: --frobnicate");
  }
}
