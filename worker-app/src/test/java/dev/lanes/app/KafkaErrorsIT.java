package dev.lanes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands say, and how soon, when Kafka is not there or the topic is not. */
@KafkaTest
class KafkaErrorsIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  void commandsSayNoBrokerAnsweredAtTheAddressWithinTheirTimeout() {
    String nowhere = "127.0.0.1:" + freePort();
    String[][] commands = {
      {"produce", "--lane", "realtime", "--type", "echo"},
      {"dlt", "list", "--lane", "realtime"},
      {"topics", "describe"},
      {"status"}
    };
    for (String[] command : commands) {
      long start = System.nanoTime();
      String[] args = concat(command, "--bootstrap-server", nowhere, "--timeout", "2s");

      CliRun run = CliRun.of(args);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.err())
          .as(run.toString())
          .startsWith("lanes: no broker answered at " + nowhere + " within 2s");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as(String.join(" ", command) + " gave up after its --timeout, not Kafka's minute")
          .isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void produceToATopicThatDoesNotExistSaysSo(TestKafka kafka) {
    String lane = kafka.uniqueName("absent");
    Path config = CliRun.laneConfig(dir, lane, 1);

    CliRun run =
        CliRun.of(
            "produce",
            "--lane",
            lane,
            "--type",
            "echo",
            "--config",
            config.toString(),
            "--bootstrap-server",
            kafka.bootstrapServers());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "lanes: topic tasks." + lane + " does not exist at " + kafka.bootstrapServers());
  }

  @Test
  void runAnswers503StartingOnItsHealthPortWhileStillStarting() throws Exception {
    String nowhere = "127.0.0.1:" + freePort();
    int httpPort = freePort();
    // No broker answers, so the run stays in its startup for its whole --timeout.
    CompletableFuture<CliRun> run =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.of(
                    "run",
                    "--bootstrap-server",
                    nowhere,
                    "--timeout",
                    "5s",
                    "--http-port",
                    Integer.toString(httpPort)));

    HttpResponse<String> ready =
        await()
            .atMost(Duration.ofSeconds(4))
            .ignoreExceptions()
            .until(() -> get(httpPort, "/health/ready"), response -> response != null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"status\":\"STARTING\"");
    HttpResponse<String> live = get(httpPort, "/health/live");
    assertThat(live.statusCode()).isEqualTo(503);
    assertThat(live.body()).contains("\"status\":\"STARTING\"");
    HttpResponse<String> metrics = get(httpPort, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");

    CliRun finished = run.get();
    assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(1);
    assertThat(finished.err()).contains("no broker answered at " + nowhere);
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(2))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A port nothing listens on: bound by the OS, then released. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
