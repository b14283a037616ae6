package dev.lanes.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.util.Map;
import org.junit.jupiter.api.Test;

@KafkaTest
class KafkaWatchIT {

  @Test
  void aBrokerThatDoesNotAnswerBecomesTheBannerNamingItAndTheTimeout() {
    try (KafkaWatch watch =
        new KafkaWatch(
            Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "request.timeout.ms", 1000,
                "default.api.timeout.ms", 1000))) {
      watch.check();
      assertThat(watch.banner())
          .isEqualTo(
              "Kafka at 127.0.0.1:1 does not answer (timed out after 1s); pages show what they can"
                  + " and catch up when it is back.");
    }
  }

  @Test
  void aBrokerThatAnswersLeavesNoBanner(TestKafka kafka) {
    try (KafkaWatch watch = new KafkaWatch(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      watch.check();
      assertThat(watch.banner()).isNull();
    }
  }
}
