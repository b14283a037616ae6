package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {

  private static final Path DATA = Path.of("/tmp/lanes-cluster-test/node-2/data");

  @Test
  void threeNodesTakeConsecutiveClientPortsThenControllerPorts() {
    ClusterLayout layout = new ClusterLayout(3, 9092);

    assertThat(layout.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094");
    assertThat(layout.ports(2)).isEqualTo(new ListenerPorts(9093, 9096));
    assertThat(layout.voters()).isEqualTo("1@127.0.0.1:9095,2@127.0.0.1:9096,3@127.0.0.1:9097");
  }

  @Test
  void nodesInZoneNetworksListenAdvertiseAndVoteOnTheirZonesAddresses() {
    ClusterLayout layout =
        new ClusterLayout(3, 9092, List.of("10.231.7.11", "10.231.7.12", "10.231.7.13"));

    assertThat(layout.bootstrapServers())
        .isEqualTo("10.231.7.11:9092,10.231.7.12:9093,10.231.7.13:9094");
    assertThat(layout.voters())
        .isEqualTo("1@10.231.7.11:9095,2@10.231.7.12:9096,3@10.231.7.13:9097");
    assertThat(layout.nodeSettings(3, DATA))
        .containsEntry("listeners", "PLAINTEXT://10.231.7.13:9094,CONTROLLER://10.231.7.13:9097")
        .containsEntry("advertised.listeners", "PLAINTEXT://10.231.7.13:9094");
    assertThatThrownBy(() -> new ClusterLayout(3, 9092, List.of("10.231.7.11")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hosts must name one address per node (3), was [10.231.7.11]");
  }

  @Test
  void nodeIsInTheZoneOfItsLetterAndAnUnknownZoneIsRefusedNamingTheZones() {
    ClusterLayout five = new ClusterLayout(5, 20000);

    assertThat(five.zones()).containsExactly("zone-a", "zone-b", "zone-c", "zone-d", "zone-e");
    assertThat(five.nodeIdOf("zone-a")).isEqualTo(1);
    assertThat(five.nodeIdOf("zone-e")).isEqualTo(5);
    assertThatThrownBy(() -> new ClusterLayout(3, 9092).nodeIdOf("zone-d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no node in zone zone-d, zones are [zone-a, zone-b, zone-c]");
  }

  @Test
  void replicationIsThreeWithTwoInSyncAndShrinksOnASmallerCluster() {
    assertThat(new ClusterLayout(5, 9092).replicationFactor()).isEqualTo(3);
    assertThat(new ClusterLayout(5, 9092).minInsyncReplicas()).isEqualTo(2);
    assertThat(new ClusterLayout(3, 9092).minInsyncReplicas()).isEqualTo(2);
    assertThat(new ClusterLayout(1, 9092).replicationFactor()).isEqualTo(1);
    assertThat(new ClusterLayout(1, 9092).minInsyncReplicas()).isEqualTo(1);
  }

  @Test
  void aNodeHasComposesSettingsItsRackAndTheSharedVoters() {
    Map<String, String> settings = new ClusterLayout(3, 9092).nodeSettings(2, DATA);

    assertThat(settings)
        .containsEntry("node.id", "2")
        .containsEntry("broker.rack", "zone-b")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:9096")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9093")
        .containsEntry(
            "controller.quorum.voters", "1@127.0.0.1:9095,2@127.0.0.1:9096,3@127.0.0.1:9097")
        .containsEntry(
            "replica.selector.class", "org.apache.kafka.common.replica.RackAwareReplicaSelector")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("share.coordinator.state.topic.replication.factor", "3")
        .containsEntry("share.coordinator.state.topic.min.isr", "2")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("group.min.session.timeout.ms", "1000")
        .containsEntry("offsets.topic.num.partitions", "5")
        .containsEntry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))
        .containsEntry("log.dirs", DATA.toAbsolutePath().toString())
        // Kafka's defaults, as in compose: fenced after 9 s silent, out of the ISR after 30 s.
        .doesNotContainKeys("broker.session.timeout.ms", "replica.lag.time.max.ms");
  }

  @Test
  void aNodeCountOtherThanOneThreeOrFiveIsRefusedNamingIt() {
    assertThatThrownBy(() -> new ClusterLayout(4, 9092))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes must be 1, 3 or 5, was 4");
    assertThatThrownBy(() -> KafkaCluster.start(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes must be 1, 3 or 5, was 2");
  }

  @Test
  void portsThatRunPast65535AreRefusedNamingTheFirstPort() {
    assertThatThrownBy(() -> new ClusterLayout(3, 65531))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "firstPort must leave room for 6 ports (clients and controllers) up to 65535, was 65531");
    assertThat(new ClusterLayout(3, 65530).ports(3).controller()).isEqualTo(65535);
  }

  @Test
  void theNodeClassPathIsAbsoluteSoItDoesNotDependOnTheWorkingDirectory() {
    String classPath =
        NodeProcess.absoluteClassPath("lanes-tools.jar" + File.pathSeparator + "/opt/lib/a.jar");

    assertThat(classPath)
        .isEqualTo(
            Path.of("lanes-tools.jar").toAbsolutePath() + File.pathSeparator + "/opt/lib/a.jar");
  }
}
