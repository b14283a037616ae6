package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicSpecTest {

  @ParameterizedTest
  @ValueSource(strings = {"tasks.batch", "a", "A-b_c.9", "..."})
  void acceptsLegalNames(String name) {
    assertThat(TopicSpec.of(name, 1, (short) 1).name()).isEqualTo(name);
  }

  @Test
  void acceptsNameOfMaximumLength() {
    String name = "x".repeat(249);

    assertThat(TopicSpec.of(name, 1, (short) 1).name()).hasSize(249);
  }

  @Test
  void rejectsNameLongerThanKafkaAllowsNamingTheLength() {
    assertThatThrownBy(() -> TopicSpec.of("x".repeat(250), 1, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must be 1..249 characters, was 250");
  }

  @Test
  void rejectsEmptyName() {
    assertThatThrownBy(() -> TopicSpec.of("", 1, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must be 1..249 characters, was 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasks/batch", "tasks batch", "täsks", "tasks:batch"})
  void rejectsIllegalCharactersNamingTheName(String name) {
    assertThatThrownBy(() -> TopicSpec.of(name, 1, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must contain only [a-zA-Z0-9._-]")
        .hasMessageContaining("was '" + name + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void rejectsDotAndDotDot(String name) {
    assertThatThrownBy(() -> TopicSpec.of(name, 1, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be '.' or '..', was '" + name + "'");
  }

  @Test
  void rejectsZeroPartitionsNamingFieldAndValue() {
    assertThatThrownBy(() -> TopicSpec.of("t", 0, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partitions must be >= 1, was 0 (topic t)");
  }

  @Test
  void rejectsZeroReplicationFactorNamingFieldAndValue() {
    assertThatThrownBy(() -> TopicSpec.of("t", 1, (short) 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicationFactor must be >= 1, was 0 (topic t)");
  }

  @Test
  void copiesConfigsSoLaterChangesToTheSourceDoNotLeakIn() {
    Map<String, String> source = new HashMap<>();
    source.put(TopicConfig.RETENTION_MS_CONFIG, "1000");
    TopicSpec spec = new TopicSpec("t", 1, (short) 1, source);

    source.put(TopicConfig.RETENTION_MS_CONFIG, "2000");

    assertThat(spec.config(TopicConfig.RETENTION_MS_CONFIG)).contains("1000");
    assertThatThrownBy(() -> spec.configs().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullConfigValueNamingTheKey() {
    Map<String, String> configs = new HashMap<>();
    configs.put(TopicConfig.RETENTION_MS_CONFIG, null);

    assertThatThrownBy(() -> new TopicSpec("t", 1, (short) 1, configs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention.ms=null");
  }

  @Test
  void rejectsMinInsyncReplicasAboveReplicationFactor() {
    assertThatThrownBy(() -> TopicSpec.of("t", 1, (short) 1).withReplication((short) 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min.insync.replicas must be 1..replicationFactor (1), was 2 (topic t)");
  }

  @Test
  void rejectsMinInsyncReplicasThatIsNotANumber() {
    assertThatThrownBy(
            () ->
                new TopicSpec(
                    "t", 1, (short) 1, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "two")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min.insync.replicas must be a number, was 'two' (topic t)");
  }

  @Test
  void withReplicationSetsFactorAndMinInsyncTogether() {
    TopicSpec spec = TopicSpec.of("t", 1, (short) 3).withReplication((short) 1, 1);

    assertThat(spec.replicationFactor()).isEqualTo((short) 1);
    assertThat(spec.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("1");
  }

  @Test
  void withMethodsReturnCopiesAndLeaveTheOriginalAlone() {
    TopicSpec original = TopicSpec.of("t", 3, (short) 1);

    TopicSpec changed = original.withPartitions(6).withConfig("retention.ms", "1000");

    assertThat(original).isEqualTo(TopicSpec.of("t", 3, (short) 1));
    assertThat(changed.partitions()).isEqualTo(6);
    assertThat(changed.configs()).containsEntry("retention.ms", "1000");
  }

  @Test
  void unsetConfigIsEmpty() {
    assertThat(TopicSpec.of("t", 1, (short) 1).config(TopicConfig.RETENTION_MS_CONFIG)).isEmpty();
  }
}
