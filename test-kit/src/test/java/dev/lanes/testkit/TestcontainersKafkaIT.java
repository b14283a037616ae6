package dev.lanes.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The Docker path of {@link KafkaExtension}; skipped, not failed, where no daemon runs. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIT {

  @Container static final KafkaContainer KAFKA = new KafkaContainer(RunningKafka.KAFKA_IMAGE);

  @Test
  void recordsRoundTripThroughTheContainerBroker() {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
      TestKafka kafka =
          new TestKafka(KAFKA.getBootstrapServers(), KafkaSource.TESTCONTAINERS, admin);
      String topic = kafka.uniqueName("container");
      kafka.createTopic(topic, 2);
      kafka.send(topic, "k", "v");

      assertThat(kafka.consumeAll(topic, 1, Duration.ofSeconds(30)))
          .singleElement()
          .satisfies(record -> assertThat(record.value()).isEqualTo("v"));
      assertThat(kafka.source()).isEqualTo("testcontainers");
    }
  }
}
