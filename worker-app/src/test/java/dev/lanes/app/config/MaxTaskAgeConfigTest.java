package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaxTaskAgeConfigTest {

  private static final String BATCH = "lanes:\n  batch:\n    partitions: 12\n    retention: 7d\n";

  @Test
  void maxTaskAgeReachesTheLaneConfigAndRendersBack() {
    LanesConfig config = LanesConfig.fromYaml(BATCH + "    max-task-age: 90s\n", "test.yaml");

    assertThat(config.lane("batch").maxTaskAge()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.laneConfigs(config.catalog()).get(0).maxTaskAge())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(config.render()).contains("max-task-age: 90s");
    assertThat(LanesConfig.fromYaml(config.render(), "rendered")).isEqualTo(config);
  }

  @Test
  void aLaneWithoutMaxTaskAgeHasNoLimit() {
    LanesConfig config = LanesConfig.fromYaml(BATCH, "test.yaml");

    assertThat(config.lane("batch").maxTaskAge()).isNull();
    assertThat(config.render()).doesNotContain("max-task-age");
  }

  @Test
  void aMaxTaskAgeThatIsNotADurationFailsNamingKeyAndValue() {
    assertThatThrownBy(() -> LanesConfig.fromYaml(BATCH + "    max-task-age: soon\n", "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "test.yaml: lanes.batch.max-task-age must be a duration, was 'soon' (accepted: ");
  }

  @Test
  void aZeroMaxTaskAgeFailsNamingKeyAndValue() {
    assertThatThrownBy(() -> LanesConfig.fromYaml(BATCH + "    max-task-age: 0s\n", "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yaml: lanes.batch.max-task-age must be > 0, was 0s");
  }
}
