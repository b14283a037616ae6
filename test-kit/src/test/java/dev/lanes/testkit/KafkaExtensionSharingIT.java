package dev.lanes.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second test class, registered without the meta-annotation, to show the broker is shared. */
@ExtendWith(KafkaExtension.class)
class KafkaExtensionSharingIT {

  @BeforeAll
  static void shareOneBrokerWithEveryTestClass(TestKafka kafka) {
    assertThat(FirstInjected.remember(kafka)).isSameAs(kafka);
  }

  @Test
  void secondClassReusesTheBrokerOfTheFirst(TestKafka kafka) {
    assertThat(FirstInjected.remember(kafka).bootstrapServers())
        .isEqualTo(kafka.bootstrapServers());
    String topic = kafka.uniqueName("second-class");
    kafka.createTopic(topic, 1);
    kafka.send(topic, "k", "v");

    assertThat(kafka.consumeAll(topic, 1, Duration.ofSeconds(30)))
        .singleElement()
        .satisfies(record -> assertThat(record.value()).isEqualTo("v"));
  }
}
