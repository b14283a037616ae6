package dev.lanes.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints over a real runtime and a broker of the test's own, since the test stops and
 * restarts it: a shared broker cannot be.
 */
class HealthServerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 2;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path brokerDir;
  private EmbeddedKafkaBroker broker;
  private int healthPort;

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void readinessFollowsTheBrokerThroughAnOutageWhileLivenessHolds() throws Exception {
    broker = EmbeddedKafkaBroker.start(brokerDir, 0);
    String bootstrapServers = broker.bootstrapServers();
    LaneConfig lane =
        LaneConfig.of("health", "tasks.health")
            .withGroupId("health-it")
            .withCommitInterval(Duration.ofMillis(200))
            .withShutdownGrace(Duration.ofSeconds(20));
    createTopics(bootstrapServers, lane.allTopics());

    try (Observability observability = Observability.start();
        LanesRuntime runtime = startRuntime(bootstrapServers, lane, observability);
        BrokerProbe probe =
            BrokerProbe.connect(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        HealthServer server =
            HealthServer.start(
                HealthServerConfig.onPort(0).withHost("127.0.0.1"),
                runtime::health,
                probe,
                observability.registry())) {
      healthPort = server.port();

      await("ready with the lane joined")
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = get(HealthServer.READY_PATH);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.get("broker").asText()).isEqualTo("reachable");
                assertThat(body.get("lanes").get(0).get("joined").asBoolean()).isTrue();
                assertThat(body.get("lanes").get(0).get("assigned_partitions").asInt())
                    .as("main and retry partitions")
                    .isEqualTo(PARTITIONS * lane.retryTopics().size() + PARTITIONS);
              });
      assertThat(get(HealthServer.LIVE_PATH).statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(HealthServer.METRICS_PATH);
      assertThat(metrics.body())
          .contains("lanes_inflight{lane=\"health\"}")
          .contains("lanes_consumer_lag_active{lane=\"health\"}")
          .contains("jvm_memory_used_bytes{");
      // The Kafka clients' own metrics, tagged with the lane (and the consumer's loop).
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get(HealthServer.METRICS_PATH).body())
                      .containsPattern("kafka_consumer_[a-z_]+\\{[^}]*lane=\"health\"")
                      .containsPattern("kafka_producer_[a-z_]+\\{[^}]*lane=\"health\""));

      broker.close();
      await("unready once the broker is gone")
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = get(HealthServer.READY_PATH);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                assertThat(JSON.readTree(ready.body()).get("broker").asText())
                    .startsWith("unreachable: ");
              });
      // The poll loops keep polling without a broker: a restart would not bring it back.
      HttpResponse<String> live = get(HealthServer.LIVE_PATH);
      assertThat(live.statusCode()).as(live.body()).isEqualTo(200);

      broker = EmbeddedKafkaBroker.start(brokerDir, port(bootstrapServers));
      await("ready again once the broker is back")
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = get(HealthServer.READY_PATH);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
              });
      assertThat(get(HealthServer.LIVE_PATH).statusCode()).isEqualTo(200);
    }
  }

  private static LanesRuntime startRuntime(
      String bootstrapServers, LaneConfig lane, Observability observability) {
    return LanesRuntime.builder()
        .bootstrapServers(bootstrapServers)
        .handlers(HandlerRegistry.builder().register("noop", (task, context) -> {}).build())
        .lane(lane)
        .meterRegistry(observability.registry())
        // Members notice rebalances at their next heartbeat: keep the test from waiting seconds.
        .consumerProperty("group.protocol", "classic")
        .consumerProperty("heartbeat.interval.ms", 300)
        .consumerProperty("session.timeout.ms", 6000)
        .build()
        .start();
  }

  /**
   * Creates the lane's topics and waits until each partition's leader answers for it, the check the
   * test kit makes (KAFKA-15591).
   */
  private static void createTopics(String bootstrapServers, List<String> topics)
      throws ExecutionException, InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              topics.stream().map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList())
          .all()
          .get();
      Map<TopicPartition, OffsetSpec> latest =
          topics.stream()
              .flatMap(
                  topic ->
                      IntStream.range(0, PARTITIONS)
                          .mapToObj(partition -> new TopicPartition(topic, partition)))
              .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
      await("every partition served by its leader")
          .atMost(TIMEOUT)
          .ignoreExceptions()
          .until(() -> admin.listOffsets(latest).all().get().size() == latest.size());
    }
  }

  private static int port(String bootstrapServers) {
    return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
