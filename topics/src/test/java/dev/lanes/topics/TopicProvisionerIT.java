package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
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

  private static TopicProvisioner provisioner(TestKafka kafka) {
    return new TopicProvisioner(kafka.admin(), TIMEOUT);
  }

  /** The default lanes' settings on a one-replica broker, under names no other test uses. */
  private static TopicCatalog uniqueLocalCatalog(TestKafka kafka) {
    TopicCatalog defaults = TopicCatalog.defaults().withReplication((short) 1, 1);
    List<LaneTopics> lanes =
        defaults.lanes().stream()
            .map(
                lane -> {
                  TopicSpec main = lane.main();
                  String name = kafka.uniqueName(main.name());
                  return lane.withMain(
                      new TopicSpec(
                          name, main.partitions(), main.replicationFactor(), main.configs()));
                })
            .toList();
    return TopicCatalog.of(lanes);
  }

  private static List<String> names(TopicCatalog catalog) {
    return catalog.allTopics().stream().map(TopicSpec::name).toList();
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
