package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  private static final ListenerPorts PORTS = new ListenerPorts(19092, 19093);
  private static final Path LOG_DIR = Path.of("/tmp/lanes-kafka-test/data");

  @Test
  void listenersBindToLoopbackOnly() {
    Map<String, String> config = BrokerConfig.singleNode(PORTS, LOG_DIR, Map.of());

    assertThat(config)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093");
  }

  @Test
  void internalTopicsFitOnASingleNodeAndTopicsAreNeverAutoCreated() {
    Map<String, String> config = BrokerConfig.singleNode(PORTS, LOG_DIR, Map.of());

    assertThat(config)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("group.min.session.timeout.ms", "1000")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("num.partitions", "1")
        .containsEntry("log.dirs", LOG_DIR.toAbsolutePath().toString());
  }

  @Test
  void overridesReplaceDefaultsAndAddNewSettings() {
    Map<String, String> config =
        BrokerConfig.singleNode(
            PORTS,
            LOG_DIR,
            Map.of("auto.create.topics.enable", "true", "log.retention.ms", "60000"));

    assertThat(config)
        .containsEntry("auto.create.topics.enable", "true")
        .containsEntry("log.retention.ms", "60000");
  }
}
