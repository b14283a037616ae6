package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

  private static final long ONE_DAY_MS = Duration.ofDays(1).toMillis();
  private static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();

  @Test
  void defaultsHoldExactlyRealtimeAndBatch() {
    TopicCatalog catalog = TopicCatalog.defaults();

    assertThat(catalog.lanes()).extracting(LaneTopics::lane).containsExactly("realtime", "batch");
    assertThat(catalog.allTopics())
        .extracting(TopicSpec::name)
        .containsExactly("tasks.realtime", "tasks.batch");
  }

  @Test
  void defaultRealtimeLaneHasSixPartitionsAndOneDayRetention() {
    TopicSpec realtime = TopicCatalog.defaults().lane(TopicCatalog.REALTIME).main();

    assertThat(realtime.name()).isEqualTo("tasks.realtime");
    assertThat(realtime.partitions()).isEqualTo(6);
    assertThat(realtime.config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(ONE_DAY_MS));
  }

  @Test
  void defaultBatchLaneHasTwelvePartitionsAndSevenDayRetention() {
    TopicSpec batch = TopicCatalog.defaults().lane(TopicCatalog.BATCH).main();

    assertThat(batch.name()).isEqualTo("tasks.batch");
    assertThat(batch.partitions()).isEqualTo(12);
    assertThat(batch.config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(SEVEN_DAYS_MS));
  }

  @Test
  void defaultsReplicateThreeTimesWithTwoInSyncAndDeleteOldSegments() {
    assertThat(TopicCatalog.defaults().allTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 3);
              assertThat(topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2");
              assertThat(topic.config(TopicConfig.CLEANUP_POLICY_CONFIG))
                  .contains(TopicConfig.CLEANUP_POLICY_DELETE);
            });
  }

  @Test
  void mainTopicNameIsTasksDotLane() {
    assertThat(TopicCatalog.mainTopicName("emails")).isEqualTo("tasks.emails");
  }

  @Test
  void mainTopicNameRejectsIllegalLaneName() {
    assertThatThrownBy(() -> TopicCatalog.mainTopicName("Emails"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 'Emails'");
  }

  @Test
  void withReplicationChangesEveryTopicOfACopy() {
    TopicCatalog defaults = TopicCatalog.defaults();

    TopicCatalog local = defaults.withReplication((short) 1, 1);

    assertThat(local.allTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 1);
              assertThat(topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("1");
            });
    assertThat(defaults.allTopics())
        .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 3));
  }

  @Test
  void withReplicationKeepsPartitionsAndRetention() {
    TopicSpec batch = TopicCatalog.defaults().withReplication((short) 1, 1).lane("batch").main();

    assertThat(batch.partitions()).isEqualTo(12);
    assertThat(batch.config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(SEVEN_DAYS_MS));
  }

  @Test
  void withReplicationRejectsMinInsyncAboveReplicationFactor() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withReplication((short) 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minInsyncReplicas must be 1..replicationFactor (1), was 2");
  }

  @Test
  void withReplicationRejectsZeroReplicationFactor() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withReplication((short) 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicationFactor must be >= 1, was 0");
  }

  @Test
  void withPartitionsChangesOneLaneOfACopy() {
    TopicCatalog defaults = TopicCatalog.defaults();

    TopicCatalog changed = defaults.withPartitions("batch", 24);

    assertThat(changed.lane("batch").main().partitions()).isEqualTo(24);
    assertThat(changed.lane("realtime").main().partitions()).isEqualTo(6);
    assertThat(defaults.lane("batch").main().partitions()).isEqualTo(12);
  }

  @Test
  void withPartitionsRejectsUnknownLane() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withPartitions("bulk", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown lane 'bulk', known lanes: [realtime, batch]");
  }

  @Test
  void unknownLaneMessageListsKnownLanes() {
    assertThatThrownBy(() -> TopicCatalog.defaults().lane("emails"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown lane 'emails', known lanes: [realtime, batch]");
  }

  @Test
  void withLaneAddsALaneNamedByTheDefaultRule() {
    TopicCatalog defaults = TopicCatalog.defaults();

    TopicCatalog changed = defaults.withLane("emails", 4, Duration.ofHours(2));

    TopicSpec emails = changed.lane("emails").main();
    assertThat(emails.name()).isEqualTo("tasks.emails");
    assertThat(emails.partitions()).isEqualTo(4);
    assertThat(emails.config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(Duration.ofHours(2).toMillis()));
    assertThat(emails.config(TopicConfig.CLEANUP_POLICY_CONFIG))
        .contains(TopicConfig.CLEANUP_POLICY_DELETE);
    assertThat(defaults.lanes()).hasSize(2);
  }

  @Test
  void withLaneUsesTheCatalogsReplicationWhateverTheCallOrder() {
    TopicCatalog replicationFirst =
        TopicCatalog.defaults()
            .withReplication((short) 1, 1)
            .withLane("emails", 4, Duration.ofHours(2));
    TopicCatalog laneFirst =
        TopicCatalog.defaults()
            .withLane("emails", 4, Duration.ofHours(2))
            .withReplication((short) 1, 1);

    assertThat(replicationFirst.allTopics()).isEqualTo(laneFirst.allTopics());
    assertThat(replicationFirst.lane("emails").main().replicationFactor()).isEqualTo((short) 1);
  }

  @Test
  void withLaneRejectsAnExistingLane() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withLane("batch", 4, Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane names must be unique, 'batch' appears twice");
  }

  @Test
  void withLaneRejectsNonPositiveRetention() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withLane("emails", 4, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must be positive, was PT0S (lane emails)");
  }

  @Test
  void ofTakesCustomLanesAsGiven() {
    TopicSpec spec = TopicSpec.of("it-123.tasks", 2, (short) 1);

    TopicCatalog catalog = TopicCatalog.of(List.of(new LaneTopics("it", spec)));

    assertThat(catalog.lane("it").main()).isEqualTo(spec);
    assertThat(catalog.allTopics()).containsExactly(spec);
  }

  @Test
  void ofRejectsDuplicateLaneNames() {
    List<LaneTopics> lanes =
        List.of(
            new LaneTopics("a", TopicSpec.of("topic-1", 1, (short) 1)),
            new LaneTopics("a", TopicSpec.of("topic-2", 1, (short) 1)));

    assertThatThrownBy(() -> TopicCatalog.of(lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane names must be unique, 'a' appears twice");
  }

  @Test
  void ofRejectsTwoLanesSharingATopic() {
    List<LaneTopics> lanes =
        List.of(
            new LaneTopics("a", TopicSpec.of("shared", 1, (short) 1)),
            new LaneTopics("b", TopicSpec.of("shared", 1, (short) 1)));

    assertThatThrownBy(() -> TopicCatalog.of(lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topic names must be unique, 'shared' (lane b) clashes with 'shared' (lane a)");
  }

  @Test
  void ofRejectsTopicsThatCollideInKafkaMetricNames() {
    List<LaneTopics> lanes =
        List.of(
            new LaneTopics("a", TopicSpec.of("tasks.x", 1, (short) 1)),
            new LaneTopics("b", TopicSpec.of("tasks_x", 1, (short) 1)));

    assertThatThrownBy(() -> TopicCatalog.of(lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tasks_x' (lane b) clashes with 'tasks.x' (lane a)")
        .hasMessageContaining("'.' and '_' collide");
  }

  @Test
  void ofRejectsEmptyCatalog() {
    assertThatThrownBy(() -> TopicCatalog.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lanes must not be empty");
  }

  @Test
  void lanesAndAllTopicsCannotBeModified() {
    TopicCatalog catalog = TopicCatalog.defaults();

    assertThatThrownBy(() -> catalog.lanes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> catalog.allTopics().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
