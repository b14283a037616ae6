package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.AdaptiveConcurrency;
import dev.lanes.Backoff;
import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import dev.lanes.Jitter;
import dev.lanes.LaneConfig;
import dev.lanes.OrderingMode;
import dev.lanes.Priority;
import dev.lanes.RetryPolicy;
import dev.lanes.topics.LaneTopics;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanesConfigTest {

  private static final String FULL =
      """
      kafka:
        bootstrap-servers: broker-1:9092,broker-2:9092
        properties:
          security.protocol: SSL
          acks: all
          linger.ms: 5
      http:
        port: 9090
      topics:
        replication-factor: 2
        min-insync-replicas: 1
      lanes:
        emails:
          partitions: 3
          retention: 12h
          threads: 2
          max-in-flight: 50
          max-in-flight-per-partition: 10
          ordering: partition
          retry:
            max-attempts: 3
            initial-delay: 1s
            multiplier: 2.5
            max-delay: 1m
            jitter: full
        bulk-io:
          partitions: 24
          retention: PT48H
          ordering: unordered
          retry:
            max-attempts: 1
      dependencies:
        payments-api:
          breaker:
            failures: 3
            delay: 30s
            successes-to-close: 2
          timeout: 2s
          rate-limit: 100
          max-concurrency: 10
          max-wait: 500ms
          adaptive-concurrency: {min: 2, max: 20, realtime-share: 70, permit-wait: 50ms}
        reports-api:
          breaker:
            failure-rate: 50
            minimum-calls: 20
            window: 30s
        legacy-api:
          breaker: none
      """;

  @Test
  void defaultsAreTheLanesTheAppRanBeforeItHadAConfigFile() {
    LanesConfig config = LanesConfig.defaults();
    // The lanes every deployment starts with, spelt out: the demo and a config-less run use them.
    TopicCatalog topics = TopicCatalog.defaults();
    LaneConfig realtime =
        LaneConfig.of(topics.lane(TopicCatalog.REALTIME))
            .withConcurrency(4)
            .withMaxInFlight(200, 100)
            .withOrdering(OrderingMode.KEY)
            .withRetry(
                RetryPolicy.of(
                    4, Backoff.exponential(Duration.ofMillis(200), 5, Duration.ofSeconds(5))));
    LaneConfig batch =
        LaneConfig.of(topics.lane(TopicCatalog.BATCH))
            .withConcurrency(8)
            .withMaxInFlight(5000, 2000)
            .withOrdering(OrderingMode.KEY)
            .withRetry(
                RetryPolicy.of(
                    4, Backoff.exponential(Duration.ofMillis(500), 4, Duration.ofSeconds(8))));

    assertThat(config.laneConfigs(config.catalog())).containsExactly(realtime, batch);
    assertThat(config.laneNames()).containsExactly("realtime", "batch");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.bootstrapServers()).isEmpty();
    assertThat(config.kafkaProperties()).isEmpty();
    assertThat(config.dependencies())
        .containsExactly(Map.entry("http", DependencyPolicy.defaults()));
  }

  @Test
  void yieldKeysBecomeThePriorityObjectiveAndFloor() {
    String yaml =
        """
        lanes:
          reports:
            partitions: 3
            retention: 1d
            threads: 4
            priority: low
            yield-floor: 0
          realtime:
            partitions: 3
            retention: 1d
            max-wait: 500ms
          batch:
            partitions: 3
            retention: 1d
            priority: normal
            max-wait: 30s
        """;
    LanesConfig config = LanesConfig.fromYaml(yaml, "yield.yaml");
    List<LaneConfig> lanes = config.laneConfigs(config.catalog());

    assertThat(lanes.get(0).priority()).isEqualTo(Priority.LOW);
    assertThat(lanes.get(0).yieldFloor()).isZero();
    assertThat(lanes.get(0).maxWait()).isEmpty();
    assertThat(lanes.get(1).priority()).as("realtime's default").isEqualTo(Priority.HIGH);
    assertThat(lanes.get(1).maxWait()).contains(Duration.ofMillis(500));
    assertThat(lanes.get(2).priority()).isEqualTo(Priority.NORMAL);
    assertThat(lanes.get(2).maxWait()).contains(Duration.ofSeconds(30));
    assertThat(config.render()).contains("max-wait: none", "yield-floor: 0", "priority: low");
  }

  @Test
  void pollersKeyBecomesTheLanesPollLoopsAndIsPrinted() {
    String yaml =
        """
        lanes:
          batch:
            partitions: 6
            retention: 1d
            pollers: 3
          realtime:
            partitions: 6
            retention: 1d
        """;
    LanesConfig config = LanesConfig.fromYaml(yaml, "pollers.yaml");
    List<LaneConfig> lanes = config.laneConfigs(config.catalog());

    assertThat(lanes.get(0).pollers()).isEqualTo(3);
    assertThat(lanes.get(1).pollers()).as("the default").isEqualTo(LaneConfig.DEFAULT_POLLERS);
    assertThat(config.render()).contains("pollers: 3");
  }

  @Test
  void defaultCatalogIsTheTopicDefaultsWithTheRetryTopicsTheLanesUse() {
    TopicCatalog expected =
        TopicCatalog.defaults()
            .withRetryTopics(TopicCatalog.REALTIME, 3)
            .withRetryTopics(TopicCatalog.BATCH, 3);

    assertThat(LanesConfig.defaults().catalog().allTopics()).isEqualTo(expected.allTopics());
  }

  @Test
  void fullFileBecomesLaneConfigsTopicsAndDependencies() {
    LanesConfig config = LanesConfig.fromYaml(FULL, "full.yaml");
    TopicCatalog catalog = config.catalog();

    assertThat(config.laneConfigs(catalog))
        .containsExactly(
            LaneConfig.of("emails", "tasks.emails")
                .withConcurrency(2)
                .withMaxInFlight(50, 10)
                .withOrdering(OrderingMode.PARTITION)
                .withRetry(
                    RetryPolicy.of(
                        3,
                        new Backoff(
                            Duration.ofSeconds(1), 2.5, Duration.ofMinutes(1), Jitter.FULL))),
            // keys left out take the runtime's defaults
            LaneConfig.of("bulk-io", "tasks.bulk-io")
                .withOrdering(OrderingMode.UNORDERED)
                .withRetry(RetryPolicy.defaults().withMaxAttempts(1)));
    assertThat(config.bootstrapServers()).contains("broker-1:9092,broker-2:9092");
    assertThat(config.kafkaProperties())
        .containsExactly(
            Map.entry("security.protocol", "SSL"),
            Map.entry("acks", "all"),
            Map.entry("linger.ms", "5"));
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.dependencies())
        .containsExactly(
            Map.entry(
                "payments-api",
                DependencyPolicy.withBreaker(
                        BreakerPolicy.failures(3)
                            .withDelay(Duration.ofSeconds(30))
                            .withSuccessesToClose(2))
                    .withTimeout(Duration.ofSeconds(2))
                    .withRateLimit(100)
                    .withMaxConcurrency(10)
                    .withMaxWait(Duration.ofMillis(500))
                    .withAdaptiveConcurrency(
                        new AdaptiveConcurrency(2, 20, 70, Duration.ofMillis(50)))),
            Map.entry(
                "reports-api",
                DependencyPolicy.withBreaker(
                    BreakerPolicy.failureRate(50, 20, Duration.ofSeconds(30)))),
            Map.entry("legacy-api", DependencyPolicy.withoutBreaker()));
  }

  @Test
  void catalogHasEachLanesPartitionsRetentionReplicationAndRetryTopics() {
    TopicCatalog catalog = LanesConfig.fromYaml(FULL, "full.yaml").catalog();

    LaneTopics emails = catalog.lane("emails");
    // 1 s, 2.5 s: the two retries of three attempts wait differently, so two retry topics
    assertThat(emails.retryTopicNames())
        .containsExactly("tasks.emails.retry.1", "tasks.emails.retry.2");
    assertThat(emails.main().config("retention.ms")).contains("43200000");
    assertThat(catalog.lane("bulk-io").retries()).isEmpty();
    assertThat(catalog.lane("bulk-io").main().config("retention.ms")).contains("172800000");
    assertThat(catalog.allTopics())
        .allSatisfy(
            topic -> {
              assertThat(topic.replicationFactor()).isEqualTo((short) 2);
              assertThat(topic.config("min.insync.replicas")).contains("1");
            });
    assertThat(catalog.lane("bulk-io").allTopics())
        .extracting(TopicSpec::partitions)
        .containsOnly(24);
  }

  @Test
  void aFileListingOnlyRealtimeRunsOnlyRealtimeAndMissingSectionsKeepTheirDefaults() {
    LanesConfig config =
        LanesConfig.fromYaml(
            """
            lanes:
              realtime:
                partitions: 6
                retention: 1d
            """,
            "only-realtime.yaml");

    assertThat(config.laneNames()).containsExactly("realtime");
    assertThat(config.catalog().lanes()).extracting(LaneTopics::lane).containsExactly("realtime");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.replicationFactor()).isEqualTo(3);
    assertThat(config.dependencies()).containsOnlyKeys("http");
  }

  @Test
  void aDependencyIsSharedWithTheFleetUnlessItSaysSharedFalse() {
    LanesConfig config =
        LanesConfig.fromYaml(
            """
            dependencies:
              payments-api: {}
              legacy-api:
                shared: false
              reports-api:
                shared: true
            """,
            "shared.yaml");

    assertThat(config.dependencies().get("payments-api").shared()).isTrue();
    assertThat(config.dependencies().get("legacy-api"))
        .isEqualTo(DependencyPolicy.defaults().withShared(false));
    assertThat(config.dependencies().get("reports-api").shared()).isTrue();
  }

  @Test
  void aDependenciesSectionReplacesTheDefaultHttpDependency() {
    LanesConfig config = LanesConfig.fromYaml("dependencies: {}\n", "no-deps.yaml");

    assertThat(config.dependencies()).isEmpty();
    assertThat(config.laneNames()).containsExactly("realtime", "batch");
  }

  @Test
  void renderedConfigReadsBackAsTheSameConfig() {
    LanesConfig full = LanesConfig.fromYaml(FULL, "full.yaml");

    assertThat(LanesConfig.fromYaml(full.render(), "rendered")).isEqualTo(full);
    assertThat(LanesConfig.fromYaml(LanesConfig.defaults().render(), "rendered"))
        .isEqualTo(LanesConfig.defaults());
  }

  @Test
  void renderShowsDurationsAndChoicesAsTheFileWritesThem() {
    String rendered = LanesConfig.fromYaml(FULL, "full.yaml").render();

    assertThat(rendered)
        .contains("retention: 12h", "initial-delay: 1s", "max-delay: 1m", "multiplier: 2.5")
        .contains("ordering: partition", "jitter: full", "rate-limit: 100\n", "breaker: none")
        .contains("retention: 2d");
  }

  @Test
  void loadReadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lanes.yaml");
    Files.writeString(file, FULL);
    assertThat(LanesConfig.load(file)).isEqualTo(LanesConfig.fromYaml(FULL, "x"));

    Files.writeString(file, "http:\n  port: eighty\n");
    assertThatThrownBy(() -> LanesConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": http.port must be a whole number, was 'eighty'");
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> LanesConfig.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing + ": cannot read the config file: ")
        .hasMessageContaining("NoSuchFileException");
  }

  @Test
  void resolveStartsFromTheDefaultsWithoutAFileAndAppliesTheEnvironment(@TempDir Path dir)
      throws Exception {
    assertThat(LanesConfig.resolve(Optional.empty(), Map.of("LANES_HTTP_PORT", "9999")))
        .isEqualTo(LanesConfig.defaults().withHttpPort(9999));

    Path file = dir.resolve("lanes.yaml");
    Files.writeString(file, FULL);
    assertThat(LanesConfig.resolve(Optional.of(file), Map.of("LANES_LANES", "emails")).laneNames())
        .containsExactly("emails");
  }

  @Test
  void laneConfigsNeedACatalogHoldingEveryLane() {
    LanesConfig config = LanesConfig.fromYaml(FULL, "full.yaml");

    assertThatThrownBy(() -> config.laneConfigs(TopicCatalog.defaults()))
        .hasMessageContaining("unknown lane 'emails'");
  }

  @Test
  void withOnlyLanesKeepsTheConfiguredOrderAndRefusesUnknownLanes() {
    LanesConfig config = LanesConfig.defaults();

    assertThat(config.withOnlyLanes(List.of("batch", "realtime")).laneNames())
        .containsExactly("realtime", "batch");
    assertThatThrownBy(() -> config.withOnlyLanes(List.of("bulk")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("no lane 'bulk' is configured (configured: [realtime, batch])");
  }

  @Test
  void settingsBuiltInCodeValidateThemselvesNamingTheFileKey() {
    LaneSettings realtime = LanesConfig.defaults().lane("realtime");

    assertThatThrownBy(() -> realtime.withThreads(0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("lanes.realtime.threads must be >= 1, was 0");
    assertThatThrownBy(
            () ->
                new LaneSettings(
                    "Realtime", 1, Duration.ofDays(1), 1, 1, 1, OrderingMode.KEY, realtime.retry()))
        .hasMessage("lanes.Realtime: lane name must match [a-z0-9-]+, was 'Realtime'");
    assertThatThrownBy(
            () ->
                new LaneSettings(
                    "realtime", 1, Duration.ZERO, 1, 1, 1, OrderingMode.KEY, realtime.retry()))
        .hasMessage("lanes.realtime.retention must be > 0, was 0s");
    assertThatThrownBy(() -> LanesConfig.defaults().withBootstrapServers(" "))
        .hasMessage("kafka.bootstrap-servers must not be blank");
    assertThatThrownBy(
            () ->
                new LanesConfig(
                    KafkaSettings.none(),
                    8080,
                    3,
                    2,
                    List.of(realtime, realtime),
                    Map.of(),
                    LanesConfig.DEFAULT_FLEET_INTERVAL))
        .hasMessage("lanes.realtime appears twice");
  }

  @Test
  void theFleetIntervalComesFromTheFileAndIsShownBack() {
    LanesConfig config = LanesConfig.fromYaml("fleet:\n  interval: 2s\n", "test.yaml");

    assertThat(config.fleetInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(LanesConfig.defaults().fleetInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.render()).contains("fleet:\n  interval: 2s");
  }

  @Test
  void aFleetIntervalBelowTheCoalescingWindowOrAnUnknownFleetKeyIsRefusedNamingIt() {
    assertThatThrownBy(() -> LanesConfig.fromYaml("fleet:\n  interval: 100ms\n", "test.yaml"))
        .hasMessageContaining("fleet.interval must be >= 200ms, was 100ms");
    assertThatThrownBy(() -> LanesConfig.fromYaml("fleet:\n  every: 5s\n", "test.yaml"))
        .hasMessageContaining("every");
  }
}
