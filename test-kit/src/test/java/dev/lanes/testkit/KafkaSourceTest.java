package dev.lanes.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class KafkaSourceTest {

  private final AtomicInteger dockerChecks = new AtomicInteger();

  @Test
  void externalClusterWinsAndDockerIsNotEvenAsked() {
    assertThat(KafkaSource.select("kafka-1:9092", docker(true))).isEqualTo(KafkaSource.EXTERNAL);
    assertThat(dockerChecks).hasValue(0);
  }

  @Test
  void dockerIsUsedWhenNoExternalClusterIsNamed() {
    assertThat(KafkaSource.select(null, docker(true))).isEqualTo(KafkaSource.TESTCONTAINERS);
  }

  @Test
  void blankEnvironmentVariableCountsAsUnset() {
    assertThat(KafkaSource.select("  ", docker(true))).isEqualTo(KafkaSource.TESTCONTAINERS);
  }

  @Test
  void embeddedBrokerIsTheFallbackWithoutDocker() {
    assertThat(KafkaSource.select(null, docker(false))).isEqualTo(KafkaSource.EMBEDDED);
  }

  @Test
  void labelsAndReasonsNameTheSource() {
    assertThat(KafkaSource.EXTERNAL.label()).isEqualTo("external");
    assertThat(KafkaSource.TESTCONTAINERS.label()).isEqualTo("testcontainers");
    assertThat(KafkaSource.EMBEDDED.label()).isEqualTo("embedded");
    assertThat(KafkaSource.EMBEDDED.selectionReason())
        .isEqualTo("KAFKA_BOOTSTRAP_SERVERS is unset and Docker is not available");
  }

  private BooleanSupplier docker(boolean available) {
    return () -> {
      dockerChecks.incrementAndGet();
      return available;
    };
  }
}
