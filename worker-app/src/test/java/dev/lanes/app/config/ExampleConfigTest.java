package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.AdaptiveConcurrency;
import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** lanes.example.yaml at the repository root is valid and says what its comments say. */
class ExampleConfigTest {

  private static final LanesConfig EXAMPLE = LanesConfig.load(exampleFile());

  @Test
  void exampleLanesAreTheDefaultLanesSpelledOut() {
    assertThat(EXAMPLE.laneNames()).containsExactly("realtime", "batch");
    assertThat(EXAMPLE.lanes()).isEqualTo(LanesConfig.defaults().lanes());
    assertThat(EXAMPLE.httpPort()).isEqualTo(8080);
    assertThat(EXAMPLE.replicationFactor()).isEqualTo(3);
    assertThat(EXAMPLE.minInsyncReplicas()).isEqualTo(2);
  }

  @Test
  void exampleKafkaSettingsArePassedOnAsWritten() {
    assertThat(EXAMPLE.bootstrapServers()).contains("127.0.0.1:9092");
    assertThat(EXAMPLE.kafkaProperties())
        .containsOnlyKeys(
            "security.protocol", "sasl.mechanism", "sasl.jaas.config", "client.dns.lookup")
        .containsEntry("security.protocol", "SASL_SSL")
        .hasEntrySatisfying(
            "sasl.jaas.config",
            jaas -> assertThat((String) jaas).endsWith("password=\"change-me\";"));
    assertThat(EXAMPLE.render()).doesNotContain("change-me");
  }

  @Test
  void exampleDependenciesShowEachKindOfBreaker() {
    assertThat(EXAMPLE.dependencies())
        .containsOnlyKeys("http", "payments-api", "reports-api", "legacy-api")
        .containsEntry("http", DependencyPolicy.defaults())
        .containsEntry(
            "payments-api",
            DependencyPolicy.withBreaker(BreakerPolicy.failures(5))
                .withTimeout(Duration.ofSeconds(2))
                .withRateLimit(100)
                .withMaxConcurrency(10)
                .withMaxWait(Duration.ofSeconds(1)))
        .containsEntry(
            "reports-api",
            DependencyPolicy.withBreaker(BreakerPolicy.failureRate(50, 20, Duration.ofSeconds(30)))
                .withAdaptiveConcurrency(AdaptiveConcurrency.between(2, 40)))
        .containsEntry("legacy-api", DependencyPolicy.withoutBreaker());
  }

  // Tests run in worker-app/; the example lives at the repository root above it.
  private static Path exampleFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("lanes.example.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "lanes.example.yaml not found above " + Path.of("").toAbsolutePath());
  }
}
