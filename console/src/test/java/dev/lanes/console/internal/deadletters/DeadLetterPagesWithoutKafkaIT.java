package dev.lanes.console.internal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.console.Console;
import dev.lanes.console.ConsoleSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With Kafka down (an address nothing listens on, the 5 s client timeouts {@code lanes console}
 * sets), the dead-letter pages answer 503 with a message within about 6 s instead of hanging, and
 * the API answers {@code {"error": ...}}.
 */
class DeadLetterPagesWithoutKafkaIT {

  private static final Duration WITHIN = Duration.ofMillis(6500);

  private final HttpClient http = HttpClient.newHttpClient();
  private Console console;

  @BeforeEach
  void start() {
    console =
        Console.start(
            new ConsoleSettings(
                Map.of(
                    "bootstrap.servers",
                    "127.0.0.1:1",
                    "default.api.timeout.ms",
                    5000,
                    "request.timeout.ms",
                    5000,
                    "sasl.jaas.config",
                    "secret-password-never-shown"),
                List.of(LaneConfig.of("orders", "tasks.orders")),
                "127.0.0.1",
                0,
                "down-token-0123456789",
                Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    console.close();
  }

  @Test
  void listDetailAndConfirmAnswer503WithAMessageInTime() throws Exception {
    for (String path :
        List.of(
            "/lanes/orders/dead-letters",
            "/lanes/orders/dead-letters?view=groups",
            "/lanes/orders/dead-letters/0/3")) {
      long start = System.nanoTime();
      HttpResponse<String> answer = send(HttpRequest.newBuilder(console.uri().resolve(path)));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(WITHIN);
      assertThat(answer.statusCode()).as(path).isEqualTo(503);
      assertThat(answer.body())
          .contains("id=\"error\"")
          .contains("could not read tasks.orders.dlt")
          .doesNotContain("secret-password-never-shown")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void apiAnswers503AsJson() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> list =
        send(HttpRequest.newBuilder(console.uri().resolve("/api/dead-letters?lane=orders")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
    assertThat(list.statusCode()).isEqualTo(503);
    assertThat(list.body()).startsWith("{\"error\":\"could not read tasks.orders.dlt");

    start = System.nanoTime();
    HttpResponse<String> replay =
        send(
            HttpRequest.newBuilder(console.uri().resolve("/api/replay"))
                .header("Authorization", "Bearer down-token-0123456789")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("lane=orders")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
    assertThat(replay.statusCode()).isEqualTo(503);
    assertThat(replay.body()).startsWith("{\"error\":\"could not replay tasks.orders.dlt");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), BodyHandlers.ofString());
  }
}
