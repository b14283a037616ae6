package dev.lanes.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LaneConfig;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code lanes demo --console}'s last chapter: the console on the demo's broker until stopped. */
@KafkaTest
class DemoConsoleIT {

  @Test
  void servesTheConsoleOnTheBrokerAndPrintsUrlAndTokenUntilStopped(TestKafka kafka)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DemoConsole console = new DemoConsole(null, new PrintStream(out, true, UTF_8));
    Thread serving =
        new Thread(
            () -> {
              try {
                console.serveUntilStopped(
                    kafka.bootstrapServers(), List.of(LaneConfig.of("realtime", "tasks.rt")));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    serving.start();
    Pattern url = Pattern.compile("the console is open at (http://\\S+)");
    await().atMost(Duration.ofSeconds(20)).until(() -> url.matcher(out.toString(UTF_8)).find());
    String story = out.toString(UTF_8);
    assertThat(story).containsPattern("its token \\(to replay dead letters\\): \\S+");
    Matcher m = url.matcher(story);
    assertThat(m.find()).isTrue();
    URI login = URI.create(m.group(1)).resolve("/login");
    HttpClient http = HttpClient.newHttpClient();
    assertThat(http.send(HttpRequest.newBuilder(login).build(), BodyHandlers.ofString()).body())
        .contains("realtime dead letters")
        .doesNotContain("kafka-banner");

    serving.interrupt();
    serving.join(10_000);
    assertThat(serving.isAlive()).isFalse();
  }
}
