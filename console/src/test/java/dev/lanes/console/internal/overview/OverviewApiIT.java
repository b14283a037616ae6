package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LaneConfig;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** {@code GET /api/lanes} and the page over HTTP against a real broker, and with none. */
@KafkaTest
class OverviewApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void lagPartitionsAndPerMinuteRetriesAndDeadLettersOfEachLane(TestKafka kafka) throws Exception {
    LaneConfig orders = lane(kafka, "orders");
    LaneConfig emails = lane(kafka, "emails");
    String main = orders.topic();
    List<ProducerRecord<String, String>> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(new ProducerRecord<>(main, 0, "k" + i, "{}"));
    }
    tasks.add(new ProducerRecord<>(main, 1, "k", "{}"));
    kafka.send(main, tasks);
    // Retries ten minutes ago, dead letters now: each in the middle of its minute.
    Instant now = Instant.now();
    long tenMinutesAgo = now.truncatedTo(ChronoUnit.MINUTES).minusSeconds(570).toEpochMilli();
    String retry = orders.retryTopics().get(0);
    kafka.send(
        retry,
        List.of(
            new ProducerRecord<>(retry, 0, tenMinutesAgo, "a", "{}"),
            new ProducerRecord<>(retry, 1, tenMinutesAgo, "b", "{}"),
            new ProducerRecord<>(retry, 1, tenMinutesAgo, "c", "{}")));
    String deadLetters = orders.deadLetterTopic();
    long justNow = now.toEpochMilli();
    kafka.send(
        deadLetters,
        List.of(
            new ProducerRecord<>(deadLetters, 0, justNow, "a", "{}"),
            new ProducerRecord<>(deadLetters, 1, justNow, "b", "{}")));

    try (OverviewConsole console =
        OverviewConsole.start(client(kafka.bootstrapServers()), List.of(orders, emails))) {
      HttpResponse<String> response = console.get("/api/lanes");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode json = JSON.readTree(response.body());
      Instant seriesStart = Instant.parse(json.get("series_start").textValue());
      JsonNode lane = laneNamed(json, orders.name());
      assertThat(lane.get("partitions").intValue()).isEqualTo(2);
      // The retry records are lag too: nothing consumed the retry topic.
      assertThat(lane.get("lag").longValue()).isEqualTo(6 + 3);
      assertThat(lane.get("partition_lag").get(main + "-0").longValue()).isEqualTo(5);
      assertThat(lane.get("partition_lag").get(main + "-1").longValue()).isEqualTo(1);
      assertThat(lane.get("partition_lag").get(retry + "-1").longValue()).isEqualTo(2);
      assertThat(lane.get("dead_letters_last_hour").longValue()).isEqualTo(2);
      JsonNode retries = lane.get("retries_per_minute");
      JsonNode deadLettersPerMinute = lane.get("dead_letters_per_minute");
      assertThat(retries).hasSize(60);
      assertThat(deadLettersPerMinute).hasSize(60);
      int retryMinute = minuteIndex(seriesStart, tenMinutesAgo);
      int deadLetterMinute = minuteIndex(seriesStart, justNow);
      assertThat(retries.get(retryMinute).longValue()).isEqualTo(3);
      assertThat(sum(retries)).isEqualTo(3);
      assertThat(deadLettersPerMinute.get(deadLetterMinute).longValue()).isEqualTo(2);
      assertThat(sum(deadLettersPerMinute)).isEqualTo(2);
      JsonNode other = laneNamed(json, emails.name());
      assertThat(other.get("lag").longValue()).isZero();
      assertThat(sum(other.get("retries_per_minute"))).isZero();

      kafka.send(main, List.of(new ProducerRecord<>(main, 1, "k", "{}")));
      // A later read (after the cache's few seconds) sees the new task; the minutes already
      // counted keep their counts.
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                JsonNode later =
                    laneNamed(JSON.readTree(console.get("/api/lanes").body()), orders.name());
                assertThat(later.get("partition_lag").get(main + "-1").longValue()).isEqualTo(2);
                assertThat(sum(later.get("retries_per_minute"))).isEqualTo(3);
              });

      HttpResponse<String> page = console.get("/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("data-lane=\"" + orders.name() + "\"")
          .contains("id=\"partitions-" + orders.name() + "\"")
          .contains("class=\"chart\"")
          .doesNotContain(kafka.bootstrapServers());
    }
  }

  @Test
  void withKafkaDownThePageAndTheApiAnswerWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, Object> client = client("127.0.0.1:" + closedPort);
    try (OverviewConsole console =
        OverviewConsole.start(client, List.of(LaneConfig.of("orders", "tasks.orders")))) {
      long start = System.nanoTime();
      HttpResponse<String> page = console.get("/");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // The server part renders this with the Kafka banner; the skeleton's server shows id=error.
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.body()).contains("id=\"error\"").contains("Kafka did not answer");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      HttpResponse<String> api = console.get("/api/lanes");
      assertThat(api.statusCode()).isEqualTo(503);
    }
  }

  private static LaneConfig lane(TestKafka kafka, String prefix) {
    String name = kafka.uniqueName(prefix);
    LaneConfig lane = LaneConfig.of(name, TopicNames.main(name));
    kafka.createTopics(lane.allTopics(), 2);
    return lane;
  }

  static Map<String, Object> client(String bootstrap) {
    return Map.of(
        "bootstrap.servers", bootstrap,
        "default.api.timeout.ms", 5000,
        "request.timeout.ms", 5000);
  }

  private static JsonNode laneNamed(JsonNode json, String name) {
    for (JsonNode lane : json.get("lanes")) {
      if (lane.get("lane").textValue().equals(name)) {
        return lane;
      }
    }
    throw new AssertionError("no lane " + name + " in " + json);
  }

  private static int minuteIndex(Instant seriesStart, long epochMillis) {
    return (int) Duration.between(seriesStart, Instant.ofEpochMilli(epochMillis)).toMinutes();
  }

  private static long sum(JsonNode counts) {
    long total = 0;
    for (JsonNode count : counts) {
      total += count.longValue();
    }
    return total;
  }
}
