package dev.lanes.console.internal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LaneConfig;
import dev.lanes.LanesHeaders;
import dev.lanes.console.Console;
import dev.lanes.console.ConsoleSettings;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dead-letter API over real HTTP on a real broker: list, filter, page, replay, errors. */
@KafkaTest
class DeadLetterApiIT {

  private static final String TOKEN = "api-test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final Instant now = Instant.now();
  private TestKafka kafka;
  private String main;
  private Console console;

  @BeforeEach
  void fiveDeadLettersOfThreeCauses(TestKafka kafka) {
    this.kafka = kafka;
    main = kafka.uniqueName("tasks.console-api");
    kafka.createTopics(List.of(main, TopicNames.retry(main, 1), TopicNames.deadLetter(main)), 2);
    produce(
        DeadLetterSeeds.task(main, "t-1", "charge")
            .partition(0)
            .exhausted(4, new IOException("payment service: Read timed out"))
            .timestamp(now.minus(Duration.ofHours(3))),
        DeadLetterSeeds.task(main, "t-2", "charge")
            .partition(1)
            .fatal("fatal", new IllegalArgumentException("card number is not valid"))
            .timestamp(now.minus(Duration.ofMinutes(50))),
        DeadLetterSeeds.task(main, "t-3", "email")
            .partition(0)
            .exhausted(4, new IOException("smtp: read TIMED OUT"))
            .timestamp(now.minus(Duration.ofMinutes(40))),
        DeadLetterSeeds.task(main, "t-4", "charge")
            .partition(1)
            .exhausted(4, new IOException("payment service: connection refused"))
            .timestamp(now.minus(Duration.ofMinutes(30))),
        DeadLetterSeeds.task(main, "t-5", "charge")
            .partition(0)
            .exhausted(4, new IOException("payment service: Read timed out"))
            .timestamp(now.minus(Duration.ofMinutes(20))));
    console =
        Console.start(
            new ConsoleSettings(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    "default.api.timeout.ms",
                    5000,
                    "request.timeout.ms",
                    5000),
                List.of(LaneConfig.of("orders", main)),
                "127.0.0.1",
                0,
                TOKEN,
                Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    console.close();
  }

  @Test
  void listsOldestFirstFilteredAndPagedWithTheCountOfAllMatches() throws Exception {
    JsonNode first = getJson("/api/dead-letters?lane=orders&type=charge&limit=2", 200);

    assertThat(first.get("lane").asText()).isEqualTo("orders");
    assertThat(first.get("matched").asLong()).isEqualTo(4);
    assertThat(taskIds(first)).containsExactly("t-1", "t-2");
    JsonNode one = first.get("dead_letters").get(0);
    assertThat(one.get("partition").asInt()).isZero();
    assertThat(one.get("offset").asLong()).isZero();
    assertThat(one.get("type").asText()).isEqualTo("charge");
    assertThat(one.get("reason").asText()).isEqualTo("exhausted");
    assertThat(one.get("error_class").asText()).isEqualTo("java.io.IOException");
    assertThat(one.get("attempts").asInt()).isEqualTo(4);
    assertThat(Instant.parse(one.get("time").asText()).toEpochMilli())
        .isEqualTo(now.minus(Duration.ofHours(3)).toEpochMilli());
    assertThat(one.get("message").asText()).isEqualTo("payment service: Read timed out");

    JsonNode second =
        getJson(
            "/api/dead-letters?lane=orders&type=charge&limit=2&after=" + first.get("next").asText(),
            200);
    assertThat(taskIds(second)).containsExactly("t-4", "t-5");
    assertThat(second.get("matched").asLong()).as("all matches, not just after").isEqualTo(4);
    assertThat(second.get("next").isNull()).isTrue();

    assertThat(taskIds(getJson("/api/dead-letters?lane=orders&q=timed%20out", 200)))
        .containsExactly("t-1", "t-3", "t-5");
    assertThat(
            taskIds(getJson("/api/dead-letters?lane=orders&error=IllegalArgumentException", 200)))
        .containsExactly("t-2");
    assertThat(taskIds(getJson("/api/dead-letters?lane=orders&reason=exhausted&since=1h", 200)))
        .containsExactly("t-3", "t-4", "t-5");
  }

  @Test
  void replayProducesTheMatchesToTheMainTopicAndASecondReplaySkipsThemAll() throws Exception {
    JsonNode first = postJson("/api/replay", "lane=orders&type=charge&q=payment&to=main", 200);

    assertThat(first.get("produced").asInt()).isEqualTo(3);
    assertThat(first.get("skipped").asInt()).isZero();
    assertThat(first.get("failed").asInt()).isZero();
    assertThat(first.get("target").asText()).isEqualTo(main);
    List<ConsumerRecord<String, String>> replayed =
        kafka.consumeAll(main, 3, Duration.ofSeconds(20));
    assertThat(replayed).hasSize(3);
    assertThat(replayed)
        .allSatisfy(
            record ->
                assertThat(record.headers().lastHeader(LanesHeaders.REPLAYED_FROM)).isNotNull());
    assertThat(replayed).extracting(ConsumerRecord::value).allMatch(v -> v.contains("\"charge\""));

    JsonNode second = postJson("/api/replay?lane=orders&type=charge&q=payment", "", 200);

    assertThat(second.get("produced").asInt()).isZero();
    assertThat(second.get("skipped").asInt()).isEqualTo(3);
    assertThat(kafka.endOffsets(main).values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(3);
  }

  @Test
  void replayOfChosenPositionsGoesToTheRetryTopic() throws Exception {
    JsonNode result = postJson("/api/replay", "lane=orders&position=1@0&to=retry", 200);

    assertThat(result.get("produced").asInt()).isEqualTo(1);
    assertThat(result.get("target").asText()).isEqualTo(TopicNames.retry(main, 1));
    assertThat(kafka.consumeAll(TopicNames.retry(main, 1), 1, Duration.ofSeconds(20)))
        .singleElement()
        .satisfies(record -> assertThat(record.value()).contains("\"t-2\""));
  }

  @Test
  void badInputAnswers4xxWithAMessageNamingTheValue() throws Exception {
    assertThat(getJson("/api/dead-letters?lane=nope", 404).get("error").asText())
        .isEqualTo("no lane 'nope'; the lanes are orders");
    assertThat(getJson("/api/dead-letters", 400).get("error").asText())
        .isEqualTo("lane is required; the lanes are orders");
    assertThat(getJson("/api/dead-letters?lane=orders&since=soon", 400).get("error").asText())
        .isEqualTo("since must be a positive duration like 30m, 2h or 1d, was 'soon'");
    assertThat(getJson("/api/dead-letters?lane=orders&limit=9999", 400).get("error").asText())
        .isEqualTo("limit must be a number from 1 to 500, was '9999'");
    assertThat(postJson("/api/replay", "lane=orders&position=x", 400).get("error").asText())
        .isEqualTo("position must be <partition>@<offset>, e.g. 0@17, was 'x'");

    HttpResponse<String> offset = get("/lanes/orders/dead-letters/0/99");
    assertThat(offset.statusCode()).isEqualTo(404);
    assertThat(offset.body())
        .contains("id=\"error\"")
        .contains(
            "offset 99 is out of range for "
                + TopicNames.deadLetter(main)
                + "-0, which holds offsets 0..2");
    HttpResponse<String> partition = get("/lanes/orders/dead-letters/7/0");
    assertThat(partition.statusCode()).isEqualTo(404);
    assertThat(partition.body()).contains("partition 7 does not exist in");
    assertThat(get("/lanes/orders/dead-letters/x/0").statusCode()).isEqualTo(400);
    assertThat(get("/lanes/nope/dead-letters").statusCode()).isEqualTo(404);
  }

  @Test
  void replayWithoutTheTokenIsRefusedAndProducesNothing() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri("/api/replay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("lane=orders"))
                .build(),
            BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(kafka.endOffsets(main).values()).containsOnly(0L);
  }

  private List<String> taskIds(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("dead_letters").forEach(d -> ids.add(d.get("task_id").asText()));
    return ids;
  }

  private JsonNode getJson(String path, int status) throws Exception {
    HttpResponse<String> answer = get(path);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return JSON.readTree(answer.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), BodyHandlers.ofString());
  }

  private JsonNode postJson(String path, String body, int status) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body))
                .build(),
            BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return JSON.readTree(answer.body());
  }

  private URI uri(String path) {
    return console.uri().resolve(path);
  }

  private void produce(DeadLetterSeeds... seeds) {
    DeadLetterSeeds.produce(kafka.bootstrapServers(), List.of(seeds));
  }
}
