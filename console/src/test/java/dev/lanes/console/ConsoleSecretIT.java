package dev.lanes.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * No value of the client settings reaches a page or the API: a {@code sasl.jaas.config} password
 * (and a truststore password) never appear in any answer, whether Kafka answers or not.
 *
 * <p>Pages of the overview and dead-letter parts are fetched too; until those parts are merged they
 * answer 404, which shows nothing either.
 */
@KafkaTest
class ConsoleSecretIT {

  static final String PASSWORD = "pa55-w0rd-never-shown";

  @Test
  void theJaasPasswordAppearsInNoAnswerWhenKafkaAnswers(TestKafka kafka) throws Exception {
    String lane = kafka.uniqueName("secret");
    kafka.createTopic("tasks." + lane, 1);
    assertNoAnswerShowsThePassword(kafka.bootstrapServers(), lane, false);
  }

  @Test
  void theJaasPasswordAppearsInNoAnswerWhenKafkaDoesNot() throws Exception {
    assertNoAnswerShowsThePassword("127.0.0.1:1", "orders", true);
  }

  private static void assertNoAnswerShowsThePassword(
      String bootstrap, String lane, boolean awaitBanner) throws Exception {
    Map<String, Object> client = new HashMap<>();
    client.put("bootstrap.servers", bootstrap);
    client.put("request.timeout.ms", 2000);
    client.put("default.api.timeout.ms", 2000);
    client.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
            + " password=\""
            + PASSWORD
            + "\";");
    client.put("ssl.truststore.password", PASSWORD);
    ConsoleSettings settings =
        new ConsoleSettings(
            client,
            List.of(LaneConfig.of(lane, "tasks." + lane)),
            "127.0.0.1",
            0,
            "token-" + System.nanoTime(),
            Clock.systemUTC());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (Console console = Console.start(settings)) {
      if (awaitBanner) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> get(http, console.uri().resolve("/login")).body().contains("kafka-banner"));
      }
      String dl = "/lanes/" + lane + "/dead-letters";
      for (String path :
          List.of(
              "/",
              "/login",
              "/api/lanes",
              "/api/dead-letters?lane=" + lane,
              "/api/dead-letters?lane=" + lane + "&since=nonsense",
              dl,
              dl + "?view=groups",
              dl + "?since=nonsense",
              dl + "/0/0",
              "/lanes/no-such-lane/dead-letters",
              "/no/such/page")) {
        HttpResponse<String> answer = get(http, console.uri().resolve(path));
        assertThat(answer.body())
            .as("GET %s (%d)", path, answer.statusCode())
            .doesNotContain(PASSWORD);
        assertThat(answer.headers().map().toString())
            .as("headers of %s", path)
            .doesNotContain(PASSWORD);
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        BodyHandlers.ofString());
  }
}
