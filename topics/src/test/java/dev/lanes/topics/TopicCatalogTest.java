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
  private static final long FOURTEEN_DAYS_MS = Duration.ofDays(14).toMillis();
  private static final String TWO_MIB = "2097152";

  @Test
  void defaultsHoldExactlyRealtimeAndBatch() {
    TopicCatalog catalog = TopicCatalog.defaults();

    assertThat(catalog.lanes()).extracting(LaneTopics::lane).containsExactly("realtime", "batch");
    assertThat(catalog.allTopics())
        .extracting(TopicSpec::name)
        .containsExactly(
            "tasks.realtime",
            "tasks.realtime.retry.1",
            "tasks.realtime.retry.2",
            "tasks.realtime.retry.3",
            "tasks.realtime.dlt",
            "tasks.batch",
            "tasks.batch.retry.1",
            "tasks.batch.retry.2",
            "tasks.batch.retry.3",
            "tasks.batch.dlt");
  }

  @Test
  void defaultLanesHaveThreeRetryTopicsAndADeadLetterTopicWithTheMainTopicsPartitions() {
    LaneTopics batch = TopicCatalog.defaults().lane(TopicCatalog.BATCH);

    assertThat(batch.retryTopicNames())
        .containsExactly("tasks.batch.retry.1", "tasks.batch.retry.2", "tasks.batch.retry.3");
    assertThat(batch.deadLetter().name()).isEqualTo("tasks.batch.dlt");
    assertThat(batch.allTopics()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(12));
    assertThat(TopicCatalog.defaults().lane(TopicCatalog.REALTIME).allTopics())
        .hasSize(5)
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(6));
  }

  @Test
  void retryTopicsKeepTheMainTopicsRetentionAndReplicationAndAcceptLargerRecords() {
    LaneTopics realtime = TopicCatalog.defaults().lane(TopicCatalog.REALTIME);

    assertThat(realtime.retries())
        .hasSize(TopicCatalog.DEFAULT_RETRY_TOPICS)
        .allSatisfy(
            retry -> {
              assertThat(retry.replicationFactor()).isEqualTo((short) 3);
              assertThat(retry.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2");
              assertThat(retry.config(TopicConfig.RETENTION_MS_CONFIG))
                  .contains(Long.toString(ONE_DAY_MS));
              assertThat(retry.config(TopicConfig.CLEANUP_POLICY_CONFIG))
                  .contains(TopicConfig.CLEANUP_POLICY_DELETE);
              assertThat(retry.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).contains(TWO_MIB);
            });
  }

  @Test
  void deadLetterTopicKeepsRecordsFourteenDaysAndAcceptsLargerRecords() {
    TopicSpec dlt = TopicCatalog.defaults().lane(TopicCatalog.BATCH).deadLetter();

    assertThat(dlt.replicationFactor()).isEqualTo((short) 3);
    assertThat(dlt.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2");
    assertThat(dlt.config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(FOURTEEN_DAYS_MS));
    assertThat(dlt.config(TopicConfig.CLEANUP_POLICY_CONFIG))
        .contains(TopicConfig.CLEANUP_POLICY_DELETE);
    assertThat(dlt.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).contains(TWO_MIB);
  }

  @Test
  void mainTopicsKeepTheBrokersMessageSizeLimit() {
    assertThat(TopicCatalog.defaults().lane(TopicCatalog.REALTIME).main().configs())
        .doesNotContainKey(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
  }

  @Test
  void withRetryTopicsZeroLeavesOnlyMainAndDeadLetter() {
    LaneTopics realtime =
        TopicCatalog.defaults().withRetryTopics(TopicCatalog.REALTIME, 0).lane("realtime");

    assertThat(realtime.allTopics())
        .extracting(TopicSpec::name)
        .containsExactly("tasks.realtime", "tasks.realtime.dlt");
  }

  @Test
  void withRetryTopicsRebuildsOneLaneKeepingItsReplicationAndRetention() {
    TopicCatalog local = TopicCatalog.defaults().withReplication((short) 1, 1);

    TopicCatalog changed = local.withRetryTopics(TopicCatalog.BATCH, 5);

    LaneTopics batch = changed.lane(TopicCatalog.BATCH);
    assertThat(batch.retryTopicNames())
        .containsExactly(
            "tasks.batch.retry.1",
            "tasks.batch.retry.2",
            "tasks.batch.retry.3",
            "tasks.batch.retry.4",
            "tasks.batch.retry.5");
    assertThat(batch.retryTopic(5).partitions()).isEqualTo(12);
    assertThat(batch.retryTopic(5).replicationFactor()).isEqualTo((short) 1);
    assertThat(batch.retryTopic(5).config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("1");
    assertThat(batch.retryTopic(5).config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(SEVEN_DAYS_MS));
    assertThat(batch.deadLetter()).isEqualTo(local.lane(TopicCatalog.BATCH).deadLetter());
    assertThat(changed.lane(TopicCatalog.REALTIME)).isEqualTo(local.lane(TopicCatalog.REALTIME));
    assertThat(local.lane(TopicCatalog.BATCH).retries()).hasSize(3);
  }

  @Test
  void withRetryTopicsRejectsNegativeCountNamingLaneAndValue() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withRetryTopics("batch", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be >= 0, was -1 (retry topics of lane batch)");
  }

  @Test
  void withRetryTopicsRejectsUnknownLane() {
    assertThatThrownBy(() -> TopicCatalog.defaults().withRetryTopics("bulk", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown lane 'bulk', known lanes: [realtime, batch]");
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
  void fleetTopicsAreCompactedWithTheCatalogsReplication() {
    List<TopicSpec> fleet = TopicCatalog.defaults().withReplication((short) 2, 1).fleetTopics();

    assertThat(fleet)
        .extracting(TopicSpec::name, TopicSpec::partitions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TopicNames.FLEET, 3),
            org.assertj.core.groups.Tuple.tuple(TopicNames.DEPENDENCIES, 1));
    assertThat(fleet)
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 2);
              assertThat(topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("1");
              assertThat(topic.config(TopicConfig.CLEANUP_POLICY_CONFIG))
                  .contains(TopicConfig.CLEANUP_POLICY_COMPACT);
              assertThat(topic.config(TopicConfig.SEGMENT_MS_CONFIG)).isPresent();
            });
  }

  @Test
  void fleetTopicsFollowTheDefaultReplicationOfACatalog() {
    assertThat(TopicCatalog.defaults().fleetTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 3);
              assertThat(topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2");
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
        .hasSize(10)
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
  void withPartitionsChangesEveryTopicOfOneLaneOfACopy() {
    TopicCatalog defaults = TopicCatalog.defaults();

    TopicCatalog changed = defaults.withPartitions("batch", 24);

    assertThat(changed.lane("batch").allTopics())
        .hasSize(5)
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(24));
    assertThat(changed.lane("realtime").allTopics())
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(6));
    assertThat(defaults.lane("batch").allTopics())
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(12));
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
  void withLaneGivesTheNewLaneDefaultRetryTopicsAndADeadLetterTopic() {
    LaneTopics emails =
        TopicCatalog.defaults().withLane("emails", 4, Duration.ofHours(2)).lane("emails");

    assertThat(emails.allTopics())
        .extracting(TopicSpec::name)
        .containsExactly(
            "tasks.emails",
            "tasks.emails.retry.1",
            "tasks.emails.retry.2",
            "tasks.emails.retry.3",
            "tasks.emails.dlt");
    assertThat(emails.allTopics()).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(4));
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
    TopicSpec main = TopicSpec.of("it-123.tasks", 2, (short) 1);
    TopicSpec dlt = TopicSpec.of("it-123.tasks.dlt", 2, (short) 1);

    TopicCatalog catalog = TopicCatalog.of(List.of(new LaneTopics("it", main, List.of(), dlt)));

    assertThat(catalog.lane("it").main()).isEqualTo(main);
    assertThat(catalog.allTopics()).containsExactly(main, dlt);
  }

  @Test
  void ofRejectsDuplicateLaneNames() {
    List<LaneTopics> lanes = List.of(lane("a", "topic-1"), lane("a", "topic-2"));

    assertThatThrownBy(() -> TopicCatalog.of(lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane names must be unique, 'a' appears twice");
  }

  @Test
  void ofRejectsTwoLanesSharingATopic() {
    List<LaneTopics> lanes = List.of(lane("a", "shared"), lane("b", "shared"));

    assertThatThrownBy(() -> TopicCatalog.of(lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topic names must be unique, 'shared' (lane b) clashes with 'shared' (lane a)");
  }

  @Test
  void ofRejectsTopicsThatCollideInKafkaMetricNames() {
    List<LaneTopics> lanes = List.of(lane("a", "tasks.x"), lane("b", "tasks_x"));

    assertThatThrownBy(() -> TopicCatalog.of(lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tasks_x' (lane b) clashes with 'tasks.x' (lane a)")
        .hasMessageContaining("'.' and '_' collide");
  }

  @Test
  void ofRejectsARetryTopicThatIsAnotherLanesMainTopic() {
    TopicSpec main = TopicSpec.of("x", 1, (short) 1);
    LaneTopics a =
        new LaneTopics(
            "a",
            main,
            FailureTopics.retries(main, 1),
            TopicSpec.of(TopicNames.deadLetter("x"), 1, (short) 1));

    assertThatThrownBy(() -> TopicCatalog.of(List.of(a, lane("b", "x.retry.1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "topic names must be unique, 'x.retry.1' (lane b) clashes with 'x.retry.1' (lane a)");
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

  /** A one-partition lane with a main and a dead-letter topic only. */
  private static LaneTopics lane(String lane, String mainTopic) {
    return new LaneTopics(
        lane,
        TopicSpec.of(mainTopic, 1, (short) 1),
        List.of(),
        TopicSpec.of(TopicNames.deadLetter(mainTopic), 1, (short) 1));
  }

  @Test
  void laneAroundAnyMainTopicGetsRetryAndDeadLetterTopicsWithTheFailureTopicSettings() {
    TopicSpec orders =
        TopicSpec.of("orders", 12, (short) 3)
            .withConfig(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ONE_DAY_MS));

    LaneTopics lane = TopicCatalog.laneAround("orders", orders);

    assertThat(lane.main()).isEqualTo(orders);
    assertThat(lane.retryTopicNames())
        .containsExactly("orders.retry.1", "orders.retry.2", "orders.retry.3");
    assertThat(lane.deadLetter().name()).isEqualTo("orders.dlt");
    assertThat(lane.allTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.partitions()).isEqualTo(12);
              assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            });
    assertThat(lane.retries())
        .allSatisfy(
            retry -> {
              assertThat(retry.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).contains(TWO_MIB);
              assertThat(retry.config(TopicConfig.RETENTION_MS_CONFIG))
                  .contains(Long.toString(ONE_DAY_MS));
            });
    assertThat(lane.deadLetter().config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).contains(TWO_MIB);
    assertThat(lane.deadLetter().config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(FOURTEEN_DAYS_MS));
  }

  @Test
  void withLaneAroundSetsOnlyPartitionsAndReplicationOnTheForeignMainTopic() {
    TopicCatalog catalog = TopicCatalog.defaults().withLaneAround("orders", "orders", 12);

    LaneTopics orders = catalog.lane("orders");

    assertThat(orders.main()).isEqualTo(TopicSpec.of("orders", 12, (short) 3));
    assertThat(orders.retries())
        .allSatisfy(
            retry ->
                assertThat(retry.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2"));
    assertThat(orders.deadLetter().config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2");
    assertThat(orders.deadLetter().config(TopicConfig.RETENTION_MS_CONFIG))
        .contains(Long.toString(FOURTEEN_DAYS_MS));
  }

  @Test
  void withLaneAroundUsesTheCatalogsReplicationWhicheverComesFirst() {
    TopicCatalog first =
        TopicCatalog.defaults().withReplication((short) 1, 1).withLaneAround("orders", "orders", 4);
    TopicCatalog last =
        TopicCatalog.defaults().withLaneAround("orders", "orders", 4).withReplication((short) 1, 1);

    assertThat(first.lane("orders").allTopics())
        .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 1));
    assertThat(last.lane("orders").allTopics())
        .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 1));
  }

  @Test
  void retryTopicsAddedToALaneAroundAForeignTopicKeepTheLanesMinInsyncReplicas() {
    TopicCatalog catalog =
        TopicCatalog.defaults().withLaneAround("orders", "orders", 12).withRetryTopics("orders", 5);

    assertThat(catalog.lane("orders").retries())
        .hasSize(5)
        .allSatisfy(
            retry ->
                assertThat(retry.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2"));
  }
}
