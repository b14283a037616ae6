package dev.lanes.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class ReplicationFitTest {

  private static final TopicCatalog CATALOG = TopicCatalog.defaults();
  private static final int CONFIGURED_RF = 3;

  @Test
  void singleNodeClusterGetsReplicationOneAndANoticeThatSaysSo() {
    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(CATALOG, CONFIGURED_RF, new ClusterSize(1, OptionalInt.of(1)));

    assertThat(fitted.catalog().allTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 1);
              assertThat(topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("1");
            });
    assertThat(fitted.notice()).hasValueSatisfying(n -> assertThat(n).contains("single-node"));
  }

  @Test
  void clusterWithABrokerDownKeepsTheConfiguredReplication() {
    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(CATALOG, CONFIGURED_RF, new ClusterSize(2, OptionalInt.empty()));

    assertThat(fitted.catalog().allTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 3);
              assertThat(topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).contains("2");
            });
    assertThat(fitted.notice())
        .hasValueSatisfying(
            n -> assertThat(n).contains("2 live broker(s)").contains("under-replicated"));
  }

  @Test
  void oneLiveBrokerOfAThreeVoterQuorumIsAClusterWithBrokersDownNotASingleNode() {
    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(CATALOG, CONFIGURED_RF, new ClusterSize(1, OptionalInt.of(3)));

    assertThat(fitted.catalog()).isSameAs(CATALOG);
  }

  @Test
  void oneLiveBrokerWhoseQuorumCannotBeReadIsNeverTakenForASingleNode() {
    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(CATALOG, CONFIGURED_RF, new ClusterSize(1, OptionalInt.empty()));

    assertThat(fitted.catalog()).isSameAs(CATALOG);
    assertThat(fitted.notice())
        .hasValueSatisfying(n -> assertThat(n).contains("topics.replication-factor"));
  }

  @Test
  void enoughLiveBrokersChangeNothingAndSayNothing() {
    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(CATALOG, CONFIGURED_RF, new ClusterSize(3, OptionalInt.empty()));

    assertThat(fitted.catalog()).isSameAs(CATALOG);
    assertThat(fitted.notice()).isEmpty();
  }

  @Test
  void singleNodeWithReplicationOneConfiguredChangesNothing() {
    TopicCatalog single = CATALOG.withReplication((short) 1, 1);

    ReplicationFit.Fitted fitted =
        ReplicationFit.fit(single, 1, new ClusterSize(1, OptionalInt.of(1)));

    assertThat(fitted.catalog()).isSameAs(single);
    assertThat(fitted.notice()).isEmpty();
  }
}
