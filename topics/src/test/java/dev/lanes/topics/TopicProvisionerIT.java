package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

@KafkaTest
class TopicProvisionerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ONE_HOUR_MS = Long.toString(Duration.ofHours(1).toMillis());
  private static final String ONE_DAY_MS = Long.toString(Duration.ofDays(1).toMillis());
  private static final String LAYOUT_RULE =
      " cannot run: its topics must all exist with the same partition count; ";

  @Test
  void createsMissingTopicsWithCatalogPartitionsAndConfigs(TestKafka kafka) throws Exception {
    TopicCatalog catalog = uniqueLocalCatalog(kafka);
    List<String> names = names(catalog);

    ProvisioningReport report = provisioner(kafka).provision(catalog.allTopics());

    assertThat(report.created()).containsExactlyElementsOf(names);
    assertThat(report.unchanged()).isEmpty();
    assertThat(report.hasDrift()).isFalse();
    Map<String, TopicDescription> described = describe(kafka.admin(), names);
    for (TopicSpec spec : catalog.allTopics()) {
      TopicDescription description = described.get(spec.name());
      assertThat(description.partitions()).hasSize(spec.partitions());
      // provision() returns only once every partition has a leader.
      assertThat(LeaderAwait.leaderlessPartitions(description)).isEmpty();
      Config config = configOf(kafka.admin(), spec.name());
      spec.configs()
          .forEach((key, value) -> assertThat(config.get(key).value()).as(key).isEqualTo(value));
    }
  }

  @Test
  void secondProvisionReportsTopicsUnchanged(TestKafka kafka) {
    TopicCatalog catalog = uniqueLocalCatalog(kafka);
    TopicProvisioner provisioner = provisioner(kafka);
    provisioner.provision(catalog.allTopics());

    ProvisioningReport second = provisioner.provision(catalog.allTopics());

    assertThat(second.created()).isEmpty();
    assertThat(second.unchanged()).containsExactlyElementsOf(names(catalog));
    assertThat(second.hasDrift()).isFalse();
  }

  @Test
  void reportsDriftOfPreCreatedTopicAndLeavesItAlone(TestKafka kafka) throws Exception {
    String topic = kafka.uniqueName("tasks.drift");
    kafka.createTopic(topic, 6);
    setRetention(kafka.admin(), topic, ONE_HOUR_MS);
    TopicSpec spec =
        TopicSpec.of(topic, 12, (short) 1).withConfig(TopicConfig.RETENTION_MS_CONFIG, ONE_DAY_MS);

    ProvisioningReport report = provisioner(kafka).provision(List.of(spec));

    assertThat(report.created()).isEmpty();
    assertThat(report.unchanged()).isEmpty();
    assertThat(report.drift())
        .containsExactly(
            TopicDrift.partitions(topic, 12, 6),
            TopicDrift.config(topic, TopicConfig.RETENTION_MS_CONFIG, ONE_DAY_MS, ONE_HOUR_MS));
    assertThat(report.summary())
        .contains(
            "topic "
                + topic
                + ": partitions is 6, catalog says 12 (partition counts are not changed"
                + " automatically: key ordering would break)")
        .contains("topic " + topic + ": retention.ms is 3600000, catalog says 86400000");
    assertThat(describe(kafka.admin(), List.of(topic)).get(topic).partitions()).hasSize(6);
    assertThat(configOf(kafka.admin(), topic).get(TopicConfig.RETENTION_MS_CONFIG).value())
        .isEqualTo(ONE_HOUR_MS);
  }

  @Test
  void provisionLanesCreatesEveryTopicOfEachLane(TestKafka kafka) throws Exception {
    LaneTopics lane = uniqueLane(kafka, "lanes", 2);
    List<String> names = names(lane);

    ProvisioningReport report = provisioner(kafka).provisionLanes(List.of(lane));

    assertThat(report.created()).containsExactlyElementsOf(names);
    assertThat(report.hasDrift()).isFalse();
    assertThat(describe(kafka.admin(), names).values())
        .hasSize(5)
        .allSatisfy(description -> assertThat(description.partitions()).hasSize(2));
    // The broker accepts the larger record limit of the failure topics.
    assertThat(
            configOf(kafka.admin(), lane.deadLetter().name())
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                .value())
        .isEqualTo("2097152");
  }

  @Test
  void provisionCatalogCreatesTheFleetTopicsCompactedAndCheckCoversThem(TestKafka kafka)
      throws Exception {
    TopicCatalog catalog =
        TopicCatalog.of(List.of(uniqueLane(kafka, "fleet", 2))).withReplication((short) 1, 1);

    ProvisioningReport report = provisioner(kafka).provisionCatalog(catalog);

    assertThat(report.hasDrift()).isFalse();
    // Other tests of the shared broker may have made the fleet topics already.
    assertThat(concat(report.created(), report.unchanged()))
        .containsAll(names(catalog))
        .contains(TopicNames.FLEET, TopicNames.DEPENDENCIES);
    for (TopicSpec spec : catalog.fleetTopics()) {
      assertThat(describe(kafka.admin(), List.of(spec.name())).get(spec.name()).partitions())
          .hasSize(spec.partitions());
      assertThat(
              configOf(kafka.admin(), spec.name()).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    TopicCheck check = provisioner(kafka).check(catalog);
    assertThat(check.matches()).isTrue();
    assertThat(check.matching()).contains(TopicNames.FLEET, TopicNames.DEPENDENCIES);
  }

  @Test
  void checkReportsMissingMatchingAndDriftedTopicsAndChangesNothing(TestKafka kafka)
      throws Exception {
    LaneTopics lane = uniqueLane(kafka, "check", 2);
    TopicCheck before = provisioner(kafka).check(List.of(lane));
    assertThat(before.missing()).containsExactlyElementsOf(names(lane));
    assertThat(before.matches()).isFalse();
    assertThat(names(lane)).noneMatch(kafka::topicExists);

    provisioner(kafka).provisionLanes(List.of(lane));
    assertThat(provisioner(kafka).check(List.of(lane)).matches()).isTrue();

    setRetention(kafka.admin(), lane.main().name(), ONE_DAY_MS);
    TopicCheck drifted = provisioner(kafka).check(List.of(lane));
    assertThat(drifted.missing()).isEmpty();
    assertThat(drifted.drift()).extracting(TopicDrift::topic).containsOnly(lane.main().name());
    assertThat(drifted.summary()).contains("drifted=[" + lane.main().name() + "]");
  }

  @Test
  void provisionLanesRefusesALaneWhoseDeadLetterTopicExistsWithAnotherPartitionCount(
      TestKafka kafka) throws Exception {
    LaneTopics lane = uniqueLane(kafka, "dlt-mismatch", 3);
    kafka.createTopic(lane.deadLetter().name(), 1);

    assertThatThrownBy(() -> provisioner(kafka).provisionLanes(List.of(lane)))
        .isInstanceOf(TopicLayoutException.class)
        .hasMessage(
            "lane "
                + lane.lane()
                + LAYOUT_RULE
                + String.join(
                    ", ",
                    lane.main().name() + "=3",
                    lane.retryTopic(1).name() + "=3",
                    lane.retryTopic(2).name() + "=3",
                    lane.retryTopic(3).name() + "=3",
                    lane.deadLetter().name() + "=1"));
    // The other topics were provisioned first; only running the lane is refused.
    assertThat(describe(kafka.admin(), List.of(lane.main().name())).get(lane.main().name()))
        .satisfies(main -> assertThat(main.partitions()).hasSize(3));
  }

  @Test
  void provisionLanesReportsAPartitionCountAllTheLanesTopicsShareAsDrift(TestKafka kafka) {
    LaneTopics lane = uniqueLane(kafka, "shared-drift", 3);
    for (TopicSpec topic : lane.allTopics()) {
      kafka.createTopic(topic.name(), 2);
    }

    ProvisioningReport report = provisioner(kafka).provisionLanes(List.of(lane));

    assertThat(report.drift())
        .contains(
            TopicDrift.partitions(lane.main().name(), 3, 2),
            TopicDrift.partitions(lane.deadLetter().name(), 3, 2));
  }

  @Test
  void verifyRejectsALaneWithAMissingRetryTopic(TestKafka kafka) {
    LaneTopics lane = uniqueLane(kafka, "no-retry-2", 2);
    for (TopicSpec topic : lane.allTopics()) {
      if (!topic.equals(lane.retryTopic(2))) {
        kafka.createTopic(topic.name(), 2);
      }
    }

    assertThatThrownBy(() -> TopicLayout.verify(kafka.admin(), lane.lane(), names(lane), TIMEOUT))
        .isInstanceOf(TopicLayoutException.class)
        .hasMessageStartingWith("lane " + lane.lane() + LAYOUT_RULE)
        .hasMessageContaining(lane.main().name() + "=2")
        .hasMessageContaining(lane.retryTopic(2).name() + "=missing");
  }

  @Test
  void verifyAcceptsTheTopicsProvisionLanesCreated(TestKafka kafka) {
    LaneTopics lane = uniqueLane(kafka, "verified", 2);
    provisioner(kafka).provisionLanes(List.of(lane));

    assertThatCode(() -> TopicLayout.verify(kafka.admin(), lane.lane(), names(lane), TIMEOUT))
        .doesNotThrowAnyException();
  }

  @Test
  void replicationAboveTheRegisteredBrokersFailsNamingTheTopicAndTheFactor(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.three-replicas");
    // Short: the provisioner retries until its deadline in case brokers are still registering.
    TopicProvisioner provisioner = new TopicProvisioner(kafka.admin(), Duration.ofSeconds(3));

    assertThatThrownBy(() -> provisioner.provision(List.of(TopicSpec.of(topic, 1, (short) 3))))
        .isInstanceOf(TopicProvisioningException.class)
        .hasMessageContaining("cannot create topics [" + topic + "] with replication factor 3")
        .hasMessageContaining("only 1 broker(s) are registered")
        .hasMessageContaining("Start the missing brokers, or lower the replication factor");
    assertThat(kafka.topicExists(topic)).isFalse();
  }

  @Test
  void theTestBrokerIsASingleNodeAndGetsReplicationOne(TestKafka kafka) {
    ClusterSize size = ClusterSize.describe(kafka.admin(), TIMEOUT);

    assertThat(size).isEqualTo(new ClusterSize(1, java.util.OptionalInt.of(1)));
    assertThat(ReplicationFit.fit(TopicCatalog.defaults(), 3, size).catalog().allTopics())
        .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 1));
  }

  @Test
  void provisionLanesGivesAnExistingForeignTopicItsRetryAndDeadLetterTopics(TestKafka kafka)
      throws Exception {
    String orders = kafka.uniqueName("orders");
    kafka.createTopic(orders, 3);
    LaneTopics lane =
        TopicCatalog.defaults()
            .withReplication((short) 1, 1)
            .withLaneAround("orders", orders, 3)
            .lane("orders");

    ProvisioningReport report = provisioner(kafka).provisionLanes(List.of(lane));

    assertThat(report.unchanged()).containsExactly(orders);
    assertThat(report.created())
        .containsExactly(
            orders + ".retry.1", orders + ".retry.2", orders + ".retry.3", orders + ".dlt");
    assertThat(report.hasDrift()).isFalse();
    Config deadLetter = configOf(kafka.admin(), orders + ".dlt");
    assertThat(deadLetter.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("2097152");
    assertThat(deadLetter.get(TopicConfig.RETENTION_MS_CONFIG).value())
        .isEqualTo(Long.toString(Duration.ofDays(14).toMillis()));
  }

  private static TopicProvisioner provisioner(TestKafka kafka) {
    return new TopicProvisioner(kafka.admin(), TIMEOUT);
  }

  /** The default lanes' settings on a one-replica broker, under lane names no other test uses. */
  private static TopicCatalog uniqueLocalCatalog(TestKafka kafka) {
    TopicCatalog defaults = TopicCatalog.defaults();
    TopicCatalog local = defaults.withReplication((short) 1, 1);
    List<String> lanes = new ArrayList<>();
    for (LaneTopics lane : defaults.lanes()) {
      String name = kafka.uniqueName(lane.lane());
      String retentionMs = lane.main().config(TopicConfig.RETENTION_MS_CONFIG).orElseThrow();
      local =
          local.withLane(
              name, lane.main().partitions(), Duration.ofMillis(Long.parseLong(retentionMs)));
      lanes.add(name);
    }
    return TopicCatalog.of(lanes.stream().map(local::lane).toList());
  }

  /** A one-replica lane named by the default rule, under a lane name no other test uses. */
  private static LaneTopics uniqueLane(TestKafka kafka, String prefix, int partitions) {
    String lane = kafka.uniqueName(prefix);
    return TopicCatalog.defaults()
        .withReplication((short) 1, 1)
        .withLane(lane, partitions, Duration.ofHours(1))
        .lane(lane);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<String> names(TopicCatalog catalog) {
    return catalog.allTopics().stream().map(TopicSpec::name).toList();
  }

  private static List<String> names(LaneTopics lane) {
    return lane.allTopics().stream().map(TopicSpec::name).toList();
  }

  private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
      throws Exception {
    return admin
        .describeTopics(names)
        .allTopicNames()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Config configOf(Admin admin, String topic)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .get(resource);
  }

  // The test kit creates topics with broker defaults; drift needs a retention we chose.
  private static void setRetention(Admin admin, String topic, String retentionMs) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    AlterConfigOp set =
        new AlterConfigOp(
            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs),
            AlterConfigOp.OpType.SET);
    admin
        .incrementalAlterConfigs(Map.of(resource, List.of(set)))
        .all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    // Brokers apply config changes from the metadata log a moment after the controller accepts
    // them.
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                retentionMs.equals(
                    configOf(admin, topic).get(TopicConfig.RETENTION_MS_CONFIG).value()));
  }
}
