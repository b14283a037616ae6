package dev.lanes.app.http;

import static dev.lanes.app.http.HealthFixtures.closed;
import static dev.lanes.app.http.HealthFixtures.inState;
import static dev.lanes.app.http.HealthFixtures.lanes;
import static dev.lanes.app.http.HealthFixtures.notJoined;
import static dev.lanes.app.http.HealthFixtures.open;
import static dev.lanes.app.http.HealthFixtures.polledAgo;
import static dev.lanes.app.http.HealthFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LaneState;
import dev.lanes.RuntimeHealth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

  private static final Duration THRESHOLD = Duration.ofSeconds(5);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<RuntimeHealth> health =
      new AtomicReference<>(lanes(running("realtime"), running("batch")));
  private final AtomicReference<BrokerStatus> broker =
      new AtomicReference<>(BrokerStatus.REACHABLE);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private HealthServer server;

  @BeforeEach
  void startServer() {
    BrokerProbe probe = new BrokerProbe(broker::get, Clock.systemUTC(), () -> {});
    server =
        HealthServer.start(
            HealthServerConfig.onPort(0).withHost("127.0.0.1").withLivenessThreshold(THRESHOLD),
            health::get,
            probe,
            registry);
  }

  @AfterEach
  void stopServer() {
    server.close();
    registry.close();
  }

  @Test
  void liveIsUpWhileEveryLaneRunsAndPolledWithinTheThreshold() throws Exception {
    HttpResponse<String> response = get(HealthServer.LIVE_PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("lanes")).hasSize(2);
    JsonNode first = body.get("lanes").get(0);
    assertThat(first.get("name").asText()).isEqualTo("realtime");
    assertThat(first.get("state").asText()).isEqualTo("RUNNING");
    assertThat(first.get("millis_since_last_poll").asLong()).isEqualTo(50);
  }

  @Test
  void liveIsDownWhenALaneFailed() throws Exception {
    health.set(lanes(running("realtime"), inState("batch", LaneState.FAILED)));

    HttpResponse<String> response = get(HealthServer.LIVE_PATH);

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("DOWN");
    assertThat(body.get("lanes").get(1).get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void liveIsDownWhenAPollLoopHasNotPolledWithinTheThreshold() throws Exception {
    health.set(lanes(running("realtime"), polledAgo("batch", 6_000)));

    HttpResponse<String> response = get(HealthServer.LIVE_PATH);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(response.body()).get("lanes").get(1).get("millis_since_last_poll"))
        .hasToString("6000");
  }

  @Test
  void readyIsUpWhenTheBrokerAnswersAndEveryLaneJoined() throws Exception {
    health.set(new RuntimeHealth(List.of(running("batch")), List.of(closed("payments-api"))));

    HttpResponse<String> response = get(HealthServer.READY_PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("broker").asText()).isEqualTo("reachable");
    JsonNode lane = body.get("lanes").get(0);
    assertThat(lane.get("name").asText()).isEqualTo("batch");
    assertThat(lane.get("state").asText()).isEqualTo("RUNNING");
    assertThat(lane.get("joined").asBoolean()).isTrue();
    assertThat(lane.get("assigned_partitions").asInt()).isEqualTo(4);
    assertThat(lane.get("lag").asLong()).isEqualTo(7);
    assertThat(lane.get("lag_excluding_paused").asLong()).isEqualTo(7);
    assertThat(body.get("dependencies").get(0).get("state").asText()).isEqualTo("CLOSED");
  }

  @Test
  void readyIsDownWhileALaneHasNotJoinedItsGroup() throws Exception {
    health.set(lanes(running("realtime"), notJoined("batch")));

    HttpResponse<String> response = get(HealthServer.READY_PATH);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(response.body()).get("lanes").get(1).get("joined").asBoolean())
        .isFalse();
  }

  @Test
  void readyIsDownWhenTheBrokerIsUnreachableWhileLiveStaysUp() throws Exception {
    broker.set(BrokerStatus.unreachable("no answer within 2000 ms"));

    HttpResponse<String> ready = get(HealthServer.READY_PATH);

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(ready.body()).get("broker").asText())
        .isEqualTo("unreachable: no answer within 2000 ms");
    assertThat(get(HealthServer.LIVE_PATH).statusCode()).isEqualTo(200);
  }

  @Test
  void anOpenBreakerKeepsTheWorkerReadyAndShowsInTheBody() throws Exception {
    health.set(
        new RuntimeHealth(
            List.of(running("batch")), List.of(closed("mailer"), open("payments-api", 4))));

    HttpResponse<String> response = get(HealthServer.READY_PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode dependency = JSON.readTree(response.body()).get("dependencies").get(1);
    assertThat(dependency.get("name").asText()).isEqualTo("payments-api");
    assertThat(dependency.get("state").asText()).isEqualTo("OPEN");
    assertThat(dependency.get("since").asText()).isEqualTo("2026-11-27T12:03:00Z");
    assertThat(dependency.get("paused_partitions").asInt()).isEqualTo(4);
  }

  @Test
  void metricsServeThePrometheusTextFormatWithTheRegistrysMeters() throws Exception {
    registry.counter("test.jobs", "lane", "batch").increment(3);

    HttpResponse<String> response = get(HealthServer.METRICS_PATH);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("test_jobs_total{lane=\"batch\"} 3.0");
  }

  @Test
  void anUnknownPathIsNotFound() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(404);
    assertThat(get("/health/live/extra").statusCode()).isEqualTo(404);
  }

  @Test
  void anyMethodButGetIsRefusedNamingGet() throws Exception {
    HttpResponse<String> response =
        send(request(HealthServer.READY_PATH).POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void aHealthSnapshotThatFailsAnswers500RatherThanUp() throws Exception {
    health.set(null);

    assertThat(get(HealthServer.LIVE_PATH).statusCode()).isEqualTo(500);
  }

  @Test
  void beforeTheRuntimeStartedHealthAnswers503StartingAndMetricsAnswer() throws Exception {
    server.close();
    server =
        HealthServer.startBeforeRuntime(
            HealthServerConfig.onPort(0).withHost("127.0.0.1").withLivenessThreshold(THRESHOLD),
            new BrokerProbe(broker::get, Clock.systemUTC(), () -> {}),
            registry);

    for (String path : List.of(HealthServer.LIVE_PATH, HealthServer.READY_PATH)) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(503);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("status").asText()).as(path).isEqualTo("STARTING");
      assertThat(body.get("detail").asText()).as(path).contains("starting");
    }
    assertThat(get(HealthServer.METRICS_PATH).statusCode()).isEqualTo(200);

    server.runtimeStarted(health::get);

    assertThat(get(HealthServer.LIVE_PATH).statusCode()).isEqualTo(200);
    assertThat(get(HealthServer.READY_PATH).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
