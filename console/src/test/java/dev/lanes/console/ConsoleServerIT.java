package dev.lanes.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lanes.LaneConfig;
import dev.lanes.console.internal.ConsoleProblem;
import dev.lanes.console.internal.web.Response;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The console's server over real HTTP: the auth rules, the limits and the headers every answer
 * carries. Kafka is an address nothing listens on: these rules must hold whether Kafka answers or
 * not, and the pages must still load.
 */
class ConsoleServerIT {

  static final String TOKEN = "test-token-0123456789";
  static final Map<String, Object> NO_KAFKA =
      Map.of(
          "bootstrap.servers", "127.0.0.1:1",
          "request.timeout.ms", 1000,
          "default.api.timeout.ms", 1000);

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final AtomicInteger posts = new AtomicInteger();
  private final AtomicInteger slowEntered = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private Console console;

  @BeforeEach
  void start() {
    console = start("127.0.0.1");
  }

  @AfterEach
  void stop() {
    release.countDown();
    console.close();
  }

  private Console start(String bind) {
    ConsoleSettings settings =
        new ConsoleSettings(
            NO_KAFKA,
            List.of(LaneConfig.of("orders", "orders")),
            bind,
            0,
            TOKEN,
            Clock.systemUTC());
    return Console.start(
        settings,
        router -> {
          router.get(
              "/test/page", request -> Response.html(200, "<p>page for " + request.caller()));
          router.post(
              "/test/page",
              request -> {
                posts.incrementAndGet();
                return Response.html(200, "<p>posted by " + request.caller());
              });
          router.get("/api/test", request -> Response.json(200, "{\"read\":true}"));
          router.post(
              "/api/test",
              request -> {
                posts.incrementAndGet();
                return Response.json(200, "{\"by\":\"" + request.caller() + "\"}");
              });
          router.get(
              "/test/slow",
              request -> {
                slowEntered.incrementAndGet();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return Response.html(200, "<p>slow");
              });
          router.get(
              "/test/kafka-down",
              request -> {
                throw ConsoleProblem.kafkaUnavailable(
                    "Kafka did not answer listing dead letters of orders", null);
              });
          router.get(
              "/api/test-bad",
              request -> {
                throw ConsoleProblem.badRequest("since must be like 30m, 2h or 1d, was 'soon'");
              });
          router.get(
              "/test/boom",
              request -> {
                throw new IllegalStateException("secret detail in a stack trace");
              });
        });
  }

  @Test
  void loopbackReadsPagesAndApiWithoutToken() throws Exception {
    assertThat(get("/test/page").statusCode()).isEqualTo(200);
    assertThat(get("/api/test").statusCode()).isEqualTo(200);
  }

  @Test
  void pagePostWithoutSessionIsRefusedWith401AndHandlerDoesNotRun() throws Exception {
    HttpResponse<String> answer = post("/test/page", "csrf=x", Map.of());
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("id=\"error\"").contains("href=\"/login\"");
    assertThat(posts).hasValue(0);
  }

  @Test
  void pagePostWithSessionButWrongCsrfIsRefusedWith403() throws Exception {
    String cookie = signIn();
    HttpResponse<String> answer = post("/test/page", "csrf=forged", Map.of("Cookie", cookie));
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("id=\"error\"");
    assertThat(post("/test/page", "", Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
    assertThat(posts).hasValue(0);
  }

  @Test
  void pagePostWithSessionAndItsCsrfRunsTheHandler() throws Exception {
    String cookie = signIn();
    String csrf = csrfOf(get("/login", Map.of("Cookie", cookie)).body());
    HttpResponse<String> answer = post("/test/page", "csrf=" + csrf, Map.of("Cookie", cookie));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("(signed in)");
    assertThat(posts).hasValue(1);
  }

  @Test
  void signInWithWrongTokenSetsNoCookie() throws Exception {
    HttpResponse<String> answer = post("/login", "token=wrong&next=%2F", Map.of());
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(answer.body()).contains("id=\"token\"").doesNotContain("wrong\"");
  }

  @Test
  void signInsAreAuditedWithTheAddressAndNeverTheToken() throws Exception {
    Logger audit = (Logger) LoggerFactory.getLogger("dev.lanes.console.audit");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    audit.addAppender(lines);
    try {
      post("/login", "token=wrong-guess&next=%2F", Map.of());
      signIn();
    } finally {
      audit.detachAppender(lines);
    }
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(2)
        .allMatch(
            line -> line.matches("event=sign-in outcome=(ok|refused) remote=127\\.0\\.0\\.1:\\d+"))
        .noneMatch(line -> line.contains("wrong-guess") || line.contains(TOKEN));
    assertThat(lines.list.get(0).getFormattedMessage()).contains("outcome=refused");
    assertThat(lines.list.get(1).getFormattedMessage()).contains("outcome=ok");
  }

  @Test
  void signInGoesBackToALocalNextOnlyAndSetsAStrictHttpOnlyCookie() throws Exception {
    HttpResponse<String> local =
        post("/login", "token=" + TOKEN + "&next=" + enc("/test/page?x=1"), Map.of());
    assertThat(local.statusCode()).isEqualTo(303);
    assertThat(local.headers().firstValue("Location")).hasValue("/test/page?x=1");
    assertThat(local.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("lanes_console_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/");
    HttpResponse<String> away =
        post("/login", "token=" + TOKEN + "&next=" + enc("//evil.example/"), Map.of());
    assertThat(away.headers().firstValue("Location")).hasValue("/");
  }

  @Test
  void signOutEndsTheSession() throws Exception {
    String cookie = signIn();
    String csrf = csrfOf(get("/login", Map.of("Cookie", cookie)).body());
    assertThat(post("/logout", "csrf=" + csrf, Map.of("Cookie", cookie)).statusCode())
        .isEqualTo(303);
    assertThat(post("/test/page", "csrf=" + csrf, Map.of("Cookie", cookie)).statusCode())
        .isEqualTo(401);
  }

  @Test
  void apiPostNeedsTheBearerToken() throws Exception {
    HttpResponse<String> none = post("/api/test", "", Map.of());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(none.body()).startsWith("{\"error\":");
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"lanes console\"");
    HttpResponse<String> wrong = post("/api/test", "", Map.of("Authorization", "Bearer nope"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).startsWith("{\"error\":");
    assertThat(posts).hasValue(0);
    HttpResponse<String> right = post("/api/test", "", Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).contains("(bearer)");
    assertThat(posts).hasValue(1);
  }

  @Test
  void refusedWritesAreAuditedWithTheAddressAndNeverTheToken() throws Exception {
    Logger audit = (Logger) LoggerFactory.getLogger("dev.lanes.console.audit");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    audit.addAppender(lines);
    try {
      post("/api/test", "", Map.of());
      post("/api/test", "", Map.of("Authorization", "Bearer guessed-token"));
      post("/test/page", "csrf=x", Map.of());
    } finally {
      audit.detachAppender(lines);
    }
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(3)
        .noneMatch(line -> line.contains("guessed-token") || line.contains(TOKEN))
        .satisfiesExactly(
            line -> assertThat(line).matches(refused("/api/test", 401)),
            line -> assertThat(line).matches(refused("/api/test", 403)),
            line -> assertThat(line).matches(refused("/test/page", 401)));
  }

  private static String refused(String path, int status) {
    return "event=refused method=POST path="
        + path
        + " status="
        + status
        + " remote=127\\.0\\.0\\.1:\\d+";
  }

  @Test
  void aSessionCookieDoesNotCountForTheApi() throws Exception {
    String cookie = signIn();
    assertThat(post("/api/test", "", Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (HttpResponse<String> answer :
        List.of(get("/test/page"), get("/nowhere"), post("/api/test", "", Map.of()))) {
      assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .hasValue(
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                  + " frame-ancestors 'none'");
    }
  }

  @Test
  void servesHtmxAndTheStylesheetWithTheirTypes() throws Exception {
    HttpResponse<String> htmx = get("/assets/htmx.min.js");
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(htmx.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
    assertThat(htmx.body()).contains("htmx");
    HttpResponse<String> css = get("/assets/console.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedWith413() throws Exception {
    // Raw, because a client still sending its body sees the connection close under it.
    String answer =
        raw(
            "POST /test/page HTTP/1.1\r\nHost: x\r\nContent-Type:"
                + " application/x-www-form-urlencoded\r\nContent-Length: "
                + ((1 << 20) + 1)
                + "\r\n\r\nx=aaaa");
    assertThat(answer).startsWith("HTTP/1.1 413");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    HttpResponse<String> missing = get("/no/such/page");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("id=\"error\"").contains("/no/such/page");
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(console.uri().resolve("/test/page"))
                .PUT(BodyPublishers.ofString(""))
                .build(),
            BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
    String cookie = signIn();
    String csrf = csrfOf(get("/login", Map.of("Cookie", cookie)).body());
    assertThat(post("/api/lanes-nope", "", Map.of()).statusCode()).isEqualTo(401);
    assertThat(post("/assets/console.css", "csrf=" + csrf, Map.of("Cookie", cookie)).statusCode())
        .isEqualTo(405);
  }

  @Test
  void badPercentEncodingIs400NamingTheParameter() throws Exception {
    HttpResponse<String> answer = post("/test/page", "since=%zz&csrf=x", Map.of());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("form parameter 'since'").contains("%zz");
    String query = raw("GET /test/page?since=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
    // The JDK's server refuses a broken escape in the request line before any handler runs.
    assertThat(query).startsWith("HTTP/1.1 400");
  }

  @Test
  void aPageReachedThroughAnotherHostNameIsRefused() throws Exception {
    // What a DNS-rebound page's request looks like: our address, the attacker's name.
    String answer =
        raw("GET /test/page HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 403").contains("was 'evil.example'");
  }

  @Test
  void aFailingHandlerAnswers500WithoutTheStackTrace() throws Exception {
    HttpResponse<String> answer = get("/test/boom");
    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.body())
        .contains("internal error; the console")
        .doesNotContain("secret detail")
        .doesNotContain("IllegalStateException");
  }

  @Test
  void aProblemIsItsStatusWithTheMessageOnAPageOrAsJsonForTheApi() throws Exception {
    HttpResponse<String> page = get("/test/kafka-down");
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body())
        .contains("id=\"kafka-banner\"")
        .contains("id=\"error\"")
        .contains("Kafka did not answer listing dead letters of orders");
    HttpResponse<String> api = get("/api/test-bad");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(api.body())
        .isEqualTo("{\"error\":\"since must be like 30m, 2h or 1d, was 'soon'\"}");
  }

  @Test
  void aFullQueueAnswers503InsteadOfQueueingWithoutBound() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(
          http.sendAsync(
              HttpRequest.newBuilder(console.uri().resolve("/test/slow")).build(),
              BodyHandlers.ofString()));
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                answers.stream()
                    .anyMatch(
                        a ->
                            a.isDone()
                                && !a.isCompletedExceptionally()
                                && a.join().statusCode() == 503));
    release.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      statuses.add(answer.get(20, TimeUnit.SECONDS).statusCode());
    }
    assertThat(statuses).containsOnly(200, 503);
    assertThat(statuses.stream().filter(s -> s == 200).count())
        .as("4 running + 64 queued")
        .isGreaterThanOrEqualTo(68);
  }

  @Test
  void kafkaThatDoesNotAnswerShowsTheBannerAndPagesStillLoad() throws Exception {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(get("/login").body())
                    .contains("id=\"kafka-banner\"")
                    .contains("127.0.0.1:1 does not answer"));
  }

  @Test
  void aNonLoopbackBindNeedsSignInToRead() throws Exception {
    Optional<InetAddress> address = nonLoopbackAddress();
    assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address to bind");
    try (Console open = start(address.get().getHostAddress())) {
      HttpResponse<String> page = send(open.uri().resolve("/test/page?a=1"), Map.of());
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location"))
          .hasValue("/login?next=" + enc("/test/page?a=1"));
      assertThat(send(open.uri().resolve("/api/test"), Map.of()).statusCode()).isEqualTo(401);
      assertThat(
              send(open.uri().resolve("/api/test"), Map.of("Authorization", "Bearer " + TOKEN))
                  .statusCode())
          .isEqualTo(200);
      assertThat(send(open.uri().resolve("/login"), Map.of()).statusCode()).isEqualTo(200);
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(
            nic -> {
              try {
                return nic.isUp() && !nic.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }

  private String signIn() throws Exception {
    HttpResponse<String> answer = post("/login", "token=" + TOKEN + "&next=%2F", Map.of());
    assertThat(answer.statusCode()).isEqualTo(303);
    return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  /** Sends {@code request} as written and answers what came back until the server closed. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", console.uri().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String csrfOf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("a csrf field in %s", page).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(path, Map.of());
  }

  private HttpResponse<String> get(String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    return send(console.uri().resolve(path), headers);
  }

  private HttpResponse<String> send(URI uri, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    headers.forEach(request::header);
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(console.uri().resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
