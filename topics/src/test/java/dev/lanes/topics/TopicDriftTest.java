package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicDriftTest {

  @Test
  void partitionDriftExplainsWhyItIsNotFixed() {
    assertThat(TopicDrift.partitions("tasks.batch", 12, 6).message())
        .isEqualTo(
            "topic tasks.batch: partitions is 6, catalog says 12 (partition counts are not"
                + " changed automatically: key ordering would break)");
  }

  @Test
  void replicationDriftPointsAtReassignment() {
    assertThat(TopicDrift.replicationFactor("tasks.batch", 3, "1").message())
        .isEqualTo(
            "topic tasks.batch: replication.factor is 1, catalog says 3 (replication is not"
                + " changed automatically: it needs a partition reassignment)");
  }

  @Test
  void configDriftNamesTheKeyAndBothValues() {
    assertThat(TopicDrift.config("tasks.batch", "retention.ms", "604800000", "86400000").message())
        .isEqualTo(
            "topic tasks.batch: retention.ms is 86400000, catalog says 604800000 (topic configs"
                + " are not changed automatically: alter the topic if intended)");
  }
}
