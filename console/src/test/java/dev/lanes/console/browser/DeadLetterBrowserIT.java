package dev.lanes.console.browser;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneConfig;
import dev.lanes.console.Console;
import dev.lanes.console.ConsoleSettings;
import dev.lanes.console.internal.deadletters.DeadLetterSeeds;
import dev.lanes.testkit.PrivateKafka;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dead-letter pages in a real headless Chromium against a real broker: read, filter, open one,
 * group, sign in and replay a filtered set (read back from the main topic), replay again and see it
 * skipped, a replay refused without signing in, and poison records that still render.
 *
 * <p>The class runs on a broker of its own, so the README's screenshots show the names a reader
 * would use ({@code tasks.payments.dlt}) instead of unique test names; each test has its own lane.
 */
class DeadLetterBrowserIT {

  private static final String TOKEN = "browser-test-token-0123456789";

  private static PrivateKafka broker;

  private final Instant now = Instant.now();
  private final List<AutoCloseable> open = new ArrayList<>();
  private TestKafka kafka;
  private String lane;
  private String main;
  private Console console;
  private WebDriver driver;

  @BeforeAll
  static void startBroker() {
    broker = PrivateKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void filtersOpensOneAndGroupsByCause() {
    start("payments", Map.of());
    DeadLetterSeeds.produce(kafka.bootstrapServers(), realisticDeadLetters());

    list("");
    assertThat(text(By.id("match-count"))).isEqualTo("9");
    assertThat(driver.findElements(By.cssSelector("#dead-letters tbody tr"))).hasSize(9);
    screenshot("dead-letters");

    WebElement type = driver.findElement(By.name("type"));
    type.sendKeys("charge");
    WebElement error = driver.findElement(By.name("error"));
    error.sendKeys("SocketTimeoutException");
    submitAndWait(By.id("apply-filters"), By.id("match-count"));
    assertThat(text(By.id("match-count"))).isEqualTo("4");
    assertThat(driver.getCurrentUrl()).contains("type=charge");
    assertThat(driver.findElements(By.cssSelector("#dead-letters tbody tr")))
        .extracting(row -> row.getAttribute("data-position"))
        .hasSize(4);

    submitAndWait(By.cssSelector("#dead-letters tbody tr a.detail"), By.id("position"));
    assertThat(text(By.id("position"))).matches("\\d+@\\d+");
    assertThat(text(By.id("attempts")))
        .contains("attempts 5")
        .contains("reason exhausted")
        .contains("java.net.SocketTimeoutException")
        .contains("original topic " + main);
    assertThat(text(By.id("headers"))).contains("trace-id").contains("lanes.reason");
    assertThat(text(By.id("stack-trace")))
        .startsWith("java.net.SocketTimeoutException: payment gateway: Read timed out");
    assertThat(text(By.id("payload"))).contains("\"currency\" : \"EUR\"");
    assertThat(driver.findElements(By.id("truncated-note"))).isEmpty();
    screenshot("dead-letter");

    list("");
    submitAndWait(By.id("groups-view"), By.id("groups"));
    List<WebElement> groups = driver.findElements(By.cssSelector("#groups tbody tr"));
    assertThat(groups).hasSize(3);
    WebElement top = groups.get(0);
    assertThat(top.getAttribute("data-reason")).isEqualTo("exhausted");
    assertThat(top.getAttribute("data-error-class")).isEqualTo("java.net.SocketTimeoutException");
    assertThat(top.findElement(By.className("count")).getText()).isEqualTo("5");
    screenshot("dead-letter-groups");
    submitAndWait(By.cssSelector("#groups tbody tr a"), By.id("dead-letters"));
    assertThat(text(By.id("match-count"))).isEqualTo("5");
  }

  @Test
  void signedInReplayOfAFilteredSetArrivesOnTheMainTopicAndASecondOneSkipsIt() throws Exception {
    start("billing", Map.of());
    DeadLetterSeeds.produce(kafka.bootstrapServers(), realisticDeadLetters());

    list("?type=charge&error=SocketTimeoutException");
    assertThat(text(By.id("match-count"))).isEqualTo("4");
    submitAndWait(By.id("replay-matching"), By.id("error"));
    assertThat(text(By.tagName("main"))).contains("Sign in");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in needed");
    assertThat(producedTo(main)).as("a replay without signing in produced nothing").isZero();

    list("?type=charge&error=SocketTimeoutException");
    submitAndWait(By.id("sign-in-to-replay"), By.id("token"));
    driver.findElement(By.id("token")).sendKeys(TOKEN);
    submitAndWait(By.id("sign-in-submit"), By.id("replay-form"));
    assertThat(driver.getCurrentUrl()).contains("/lanes/" + lane + "/dead-letters");
    assertThat(text(By.id("match-count"))).isEqualTo("4");

    submitAndWait(By.id("replay-matching"), By.id("replay-confirm"));
    assertThat(text(By.id("replay-count"))).isEqualTo("4");
    assertThat(text(By.id("replay-confirm"))).contains(main).contains("0 already replayed");
    screenshot("replay-confirm");
    submitAndWait(By.id("confirm-replay"), By.id("replay-result"));
    WebElement result = driver.findElement(By.id("replay-result"));
    assertThat(result.getAttribute("data-produced")).isEqualTo("4");
    assertThat(result.getAttribute("data-skipped")).isEqualTo("0");
    assertThat(result.getAttribute("data-failed")).isEqualTo("0");
    assertThat(kafka.consumeAll(main, 4, Duration.ofSeconds(20)))
        .hasSize(4)
        .allSatisfy(record -> assertThat(record.value()).contains("\"type\":\"charge\""));

    list("?type=charge&error=SocketTimeoutException");
    submitAndWait(By.id("replay-matching"), By.id("replay-confirm"));
    assertThat(text(By.id("replay-count"))).isEqualTo("0");
    assertThat(text(By.id("replay-skipped"))).startsWith("4 already replayed");
    submitAndWait(By.id("confirm-replay"), By.id("replay-result"));
    assertThat(driver.findElement(By.id("replay-result")).getAttribute("data-skipped"))
        .isEqualTo("4");
    assertThat(producedTo(main)).isEqualTo(4);

    list("?reason=fatal");
    List<WebElement> boxes =
        driver.findElements(By.cssSelector("#dead-letters input[name=position]"));
    assertThat(boxes).hasSize(3);
    boxes.get(0).click();
    boxes.get(2).click();
    new Select(driver.findElement(By.cssSelector("#replay-form select[name=to]")))
        .selectByValue("retry");
    submitAndWait(By.id("replay-selected"), By.id("replay-confirm"));
    assertThat(text(By.id("replay-count"))).isEqualTo("2");
    assertThat(text(By.id("replay-target"))).isEqualTo(TopicNames.retry(main, 1));
    submitAndWait(By.id("confirm-replay"), By.id("replay-result"));
    assertThat(driver.findElement(By.id("replay-result")).getAttribute("data-produced"))
        .isEqualTo("2");
    assertThat(kafka.consumeAll(TopicNames.retry(main, 1), 2, Duration.ofSeconds(20)))
        .hasSize(2)
        .allSatisfy(record -> assertThat(record.value()).contains("\"card-"));
  }

  @Test
  void poisonRecordsRenderTruncatedWithTheRawBytesToDownload() throws Exception {
    start("imports", Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024)));
    byte[] binary = new byte[2 * 1024 * 1024];
    Arrays.fill(binary, (byte) 0xfe);
    DeadLetterSeeds manyHeaders =
        DeadLetterSeeds.raw(main, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b});
    for (int i = 0; i < 1000; i++) {
      manyHeaders.userHeader("h-" + i, new byte[] {(byte) 0xc3, (byte) i});
    }
    String bigJson = "{\"blob\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    DeadLetterSeeds.produce(
        kafka.bootstrapServers(),
        List.of(
            manyHeaders,
            DeadLetterSeeds.raw(main, binary),
            DeadLetterSeeds.raw(main, bigJson.getBytes(UTF_8))));

    detail(0, 0);
    assertThat(text(By.id("payload"))).startsWith("00000000  ff fe 00 7b");
    // 1,000 of the user's and the runtime's own
    assertThat(text(By.id("more-headers")))
        .matches("8\\d\\d more headers not shown \\(the first 200 are\\)\\.");
    assertThat(driver.findElements(By.cssSelector("#headers tbody tr"))).hasSize(200);

    detail(0, 1);
    assertThat(text(By.id("truncated-note")))
        .isEqualTo(
            "Showing the first 4,096 of 2,097,152 bytes as hex. Download the raw value for all"
                + " of it.");
    String raw = driver.findElement(By.id("raw-download")).getAttribute("href");
    byte[] downloaded =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(java.net.URI.create(raw)).build(),
                BodyHandlers.ofByteArray())
            .body();
    assertThat(downloaded).isEqualTo(binary);

    detail(0, 2);
    assertThat(text(By.id("truncated-note"))).startsWith("Showing the first 65,536 of ");
    assertThat(text(By.id("payload"))).startsWith("{");
  }

  /** Nine dead letters of three causes, as the runtime writes them, over the last two hours. */
  private List<DeadLetterSeeds> realisticDeadLetters() {
    List<DeadLetterSeeds> seeds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seeds.add(
          DeadLetterSeeds.task(main, "pay-" + i, i < 4 ? "charge" : "refund")
              .partition(i % 2)
              .key("order-" + i)
              .originalOffset(100 + i)
              .userHeader("trace-id", "trace-" + i)
              .exhausted(5, timeout("payment gateway: Read timed out"))
              .timestamp(now.minus(Duration.ofMinutes(120 - i * 10))));
    }
    for (int i = 0; i < 3; i++) {
      seeds.add(
          DeadLetterSeeds.task(main, "card-" + i, "charge")
              .partition(i % 2)
              .key("order-card-" + i)
              .fatal("fatal", new IllegalArgumentException("card number fails the Luhn check"))
              .timestamp(now.minus(Duration.ofMinutes(60 - i * 10))));
    }
    seeds.add(
        DeadLetterSeeds.raw(main, "<xml>not a task</xml>".getBytes(UTF_8))
            .partition(1)
            .timestamp(now.minus(Duration.ofMinutes(5))));
    return seeds;
  }

  private static Exception timeout(String message) {
    Exception error = new java.net.SocketTimeoutException(message);
    error.initCause(new TimeoutException("no answer within 10s"));
    return error;
  }

  private void start(String lane, Map<String, String> deadLetterTopicConfig) {
    this.kafka = broker.kafka();
    this.lane = lane;
    main = TopicNames.main(lane);
    kafka.createTopics(List.of(main, TopicNames.retry(main, 1)), 2);
    kafka.createTopic(TopicNames.deadLetter(main), 2, deadLetterTopicConfig);
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
                List.of(LaneConfig.of(lane, main)),
                "127.0.0.1",
                0,
                TOKEN,
                Clock.systemUTC()));
    open.add(console);
    Browser browser = Browser.open();
    open.add(browser);
    driver = browser.driver();
    this.browser = browser;
  }

  private Browser browser;

  private void list(String query) {
    driver.get(console.uri().resolve("/lanes/" + lane + "/dead-letters" + query).toString());
    await(By.id("match-count"));
  }

  private void detail(int partition, long offset) {
    driver.get(
        console
            .uri()
            .resolve("/lanes/" + lane + "/dead-letters/" + partition + "/" + offset)
            .toString());
    await(By.id("payload"));
  }

  /** Clicks, then waits for the next page to replace this one and show {@code expected}. */
  private void submitAndWait(By click, By expected) {
    WebElement html = driver.findElement(By.tagName("html"));
    driver.findElement(click).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(html));
    await(expected);
  }

  private void await(By element) {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(element));
  }

  private String text(By element) {
    return driver.findElement(element).getText().strip();
  }

  private void screenshot(String name) {
    browser.screenshot(name);
  }

  private long producedTo(String topic) {
    return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }
}
