package dev.lanes.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlakyHttpServiceTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private FlakyHttpService service = FlakyHttpService.start(0);

  @AfterEach
  void closeService() {
    service.close();
  }

  @Test
  void healthyServiceAnswersOkAndCountsEveryCall() throws Exception {
    HttpResponse<String> first = send("GET", service.workUri());
    HttpResponse<String> second = send("POST", service.workUri());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"ok\":true,\"call\":1}");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo("{\"ok\":true,\"call\":2}");
    assertThat(service.calls()).isEqualTo(2);
    assertThat(service.workUri()).hasToString("http://127.0.0.1:" + service.port() + "/work");
  }

  @Test
  void aServiceOnAnotherAddressNamesThatAddressInItsWorkUri() throws Exception {
    // Any 127.x address is loopback on Linux: an address other than 127.0.0.1 without root.
    try (FlakyHttpService elsewhere = FlakyHttpService.start("127.0.0.2", 0)) {
      assertThat(elsewhere.workUri()).hasToString("http://127.0.0.2:" + elsewhere.port() + "/work");
      assertThat(send("GET", elsewhere.workUri()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aServiceOnEveryAddressIsCalledThroughLoopback() throws Exception {
    try (FlakyHttpService everywhere = FlakyHttpService.start("0.0.0.0", 0)) {
      assertThat(everywhere.workUri())
          .hasToString("http://127.0.0.1:" + everywhere.port() + "/work");
      assertThat(send("GET", everywhere.workUri()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void successListenerHearsOnlyCallsAnsweredOk() throws Exception {
    List<URI> answered = new CopyOnWriteArrayList<>();
    service.onSuccess(answered::add);

    send("GET", URI.create(service.workUri() + "?id=a"));
    service.failWith(503, 1.0);
    send("GET", URI.create(service.workUri() + "?id=b"));
    service.recover();
    send("POST", URI.create(service.workUri() + "?id=c"));

    assertThat(answered).extracting(URI::getQuery).containsExactly("id=a", "id=c");
  }

  @Test
  void failWithRateOneAnswersEveryCallWithTheStatus() throws Exception {
    service.failWith(503, 1.0);

    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(503);
    assertThat(send("POST", service.workUri()).statusCode()).isEqualTo(503);
    assertThat(service.calls()).isEqualTo(2);
  }

  @Test
  void rateDecidesWhichCallsFailByTheRandomDraw() throws Exception {
    service.close();
    PrimitiveIterator.OfDouble draws = DoubleStream.of(0.29, 0.3, 0.0).iterator();
    service = new FlakyHttpService(0, draws::nextDouble);
    service.failWith(500, 0.3);

    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(500);
    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(200);
    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(500);
  }

  @Test
  void latencyDelaysTheAnswer() throws Exception {
    Duration latency = Duration.ofMillis(150);
    service.addLatency(latency);

    long start = System.nanoTime();
    HttpResponse<String> response = send("GET", service.workUri());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(latency);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void recoverClearsFailuresAndLatency() throws Exception {
    service.failWith(500, 1.0);
    service.addLatency(Duration.ofSeconds(30));

    service.recover();

    assertThat(service.mode()).isEqualTo(FlakyMode.HEALTHY);
    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(200);
  }

  @Test
  void badFailureSettingsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> service.failWith(200, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be 400..599, was 200");
    assertThatThrownBy(() -> service.failWith(503, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> service.failWith(503, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be in [0, 1], was NaN");
    assertThatThrownBy(() -> service.addLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency must be >= 0, was PT-0.001S");
    assertThatThrownBy(() -> FlakyHttpService.start(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0..65535, was 65536");
    assertThat(service.mode()).isEqualTo(FlakyMode.HEALTHY);
  }

  @Test
  void controlEndpointsDriveTheServiceWithoutCountingAsCalls() throws Exception {
    HttpResponse<String> fail = send("POST", control("/fail?status=500&rate=1.0"));
    assertThat(fail.statusCode()).isEqualTo(200);
    assertThat(fail.body()).isEqualTo("status=500 rate=1.0 latencyMs=0\n");
    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(500);

    assertThat(send("POST", control("/latency?ms=40")).body())
        .isEqualTo("status=500 rate=1.0 latencyMs=40\n");
    assertThat(service.mode().latency()).isEqualTo(Duration.ofMillis(40));

    assertThat(send("POST", control("/recover")).body())
        .isEqualTo("status=503 rate=0.0 latencyMs=0\n");
    assertThat(send("GET", service.workUri()).statusCode()).isEqualTo(200);

    assertThat(send("GET", control("/calls")).body()).isEqualTo("2\n");
    assertThat(send("POST", control("/reset")).statusCode()).isEqualTo(200);
    assertThat(send("GET", control("/calls")).body()).isEqualTo("0\n");
    assertThat(service.calls()).isZero();
  }

  @Test
  void theOneCallControlFormBreaksAndHealsAndStatsCountCallsOnAnyPath() throws Exception {
    HttpResponse<String> broken = send("POST", control("?status=502&latencyMs=0&errorRate=1.0"));
    assertThat(broken.statusCode()).isEqualTo(200);
    assertThat(send("GET", root("/payments/charge")).statusCode())
        .as("any other path is the dependency itself")
        .isEqualTo(502);

    assertThat(send("POST", control("?status=200")).statusCode()).isEqualTo(200);
    assertThat(send("GET", root("/")).statusCode()).isEqualTo(200);

    HttpResponse<String> stats = send("GET", root("/stats"));
    assertThat(stats.statusCode()).isEqualTo(200);
    assertThat(stats.body()).contains("\"calls\":2").contains("\"failing\":false");
    assertThat(send("POST", control("?errorRate=2")).statusCode()).isEqualTo(400);
  }

  @Test
  void controlFailWithoutParametersFailsEveryCallWith503() throws Exception {
    send("POST", control("/fail"));

    assertThat(service.mode()).isEqualTo(new FlakyMode(503, 1.0, Duration.ZERO));
  }

  @Test
  void badControlRequestsAreRejectedWithAOneLineReason() throws Exception {
    assertAnswer("POST", "/fail?status=abc", 400, "status must be an integer, was 'abc'\n");
    assertAnswer("POST", "/fail?status=200", 400, "status must be 400..599, was 200\n");
    assertAnswer("POST", "/fail?rate=2", 400, "rate must be in [0, 1], was 2.0\n");
    assertAnswer("POST", "/fail?rat=1", 400, "unknown parameter rat, known: [rate, status]\n");
    assertAnswer("POST", "/latency", 400, "ms is required\n");
    assertAnswer("POST", "/latency?ms=-5", 400, "ms must be an integer >= 0, was '-5'\n");
    assertAnswer("GET", "/fail", 405, "/control/fail takes POST, was GET\n");
    assertAnswer("POST", "/calls", 405, "/control/calls takes GET, was POST\n");
    assertAnswer("POST", "/explode", 404, "no such control endpoint /control/explode\n");

    assertThat(service.mode()).isEqualTo(FlakyMode.HEALTHY);
  }

  @Test
  void closeIsIdempotentAndStopsListening() {
    service.close();
    service.close();

    assertThatThrownBy(() -> send("GET", service.workUri())).isInstanceOf(IOException.class);
  }

  @Test
  void closeDoesNotWaitForCallsStuckInLatency() {
    service.addLatency(Duration.ofMinutes(1));
    CompletableFuture<HttpResponse<String>> stuck =
        CLIENT.sendAsync(request("GET", service.workUri()), HttpResponse.BodyHandlers.ofString());
    await().until(() -> service.calls() == 1);

    assertTimeoutPreemptively(Duration.ofSeconds(10), service::close);
    assertThat(stuck).failsWithin(Duration.ofSeconds(10));
  }

  private void assertAnswer(String method, String path, int status, String body) throws Exception {
    HttpResponse<String> response = send(method, control(path));
    assertThat(response.statusCode()).as(method + " " + path).isEqualTo(status);
    assertThat(response.body()).as(method + " " + path).isEqualTo(body);
  }

  private URI root(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }

  private URI control(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + service.port() + "/control" + pathAndQuery);
  }

  private static HttpResponse<String> send(String method, URI uri)
      throws IOException, InterruptedException {
    return CLIENT.send(request(method, uri), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String method, URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
  }
}
