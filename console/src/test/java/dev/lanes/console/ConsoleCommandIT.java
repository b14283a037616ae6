package dev.lanes.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.app.LanesMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code lanes console} serving until stopped, with the token it prints or is given. */
class ConsoleCommandIT {

  private static final Pattern URL = Pattern.compile("console: (http://\\S+)");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger exit = new AtomicInteger(-1);
  private final HttpClient http = HttpClient.newHttpClient();

  private Thread start(Map<String, String> env) {
    Thread command =
        new Thread(
            () ->
                exit.set(
                    LanesMain.run(
                        List.of("console", "--bootstrap-server", "127.0.0.1:1", "--port", "0"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env)));
    command.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> URL.matcher(out()).find());
    return command;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private URI uri() {
    Matcher m = URL.matcher(out());
    assertThat(m.find()).isTrue();
    return URI.create(m.group(1));
  }

  @Test
  void printsUrlAndGeneratedTokenThenServesUntilStopped() throws Exception {
    Thread command = start(Map.of());
    Matcher token =
        Pattern.compile("token: (\\S+) \\(set LANES_CONSOLE_TOKEN to choose it\\)").matcher(out());
    assertThat(token.find()).as(out()).isTrue();
    URI login = uri().resolve("/login");
    assertThat(
            http.send(HttpRequest.newBuilder(login).build(), BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    String bearer = "Bearer " + token.group(1);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri().resolve("/api/nothing-here"))
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    BodyHandlers.ofString())
                .statusCode())
        .as("the printed token is the console's: past auth, to the 404")
        .isEqualTo(404);

    command.interrupt();
    command.join(10_000);
    assertThat(command.isAlive()).isFalse();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                            http.send(
                                HttpRequest.newBuilder(login).build(), BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class));
  }

  @Test
  void usesTheTokenFromTheEnvironmentAndDoesNotPrintIt() throws Exception {
    Thread command = start(Map.of("LANES_CONSOLE_TOKEN", "chosen-token-123"));
    try {
      assertThat(out()).doesNotContain("token:").doesNotContain("chosen-token-123");
      assertThat(
              http.send(
                      HttpRequest.newBuilder(uri().resolve("/api/nothing-here"))
                          .header("Authorization", "Bearer chosen-token-123")
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build(),
                      BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(404);
    } finally {
      command.interrupt();
      command.join(10_000);
    }
  }
}
