package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LaneConfig;
import dev.lanes.console.browser.Browser;
import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.fleet.WorkerReport.DependencyView;
import dev.lanes.fleet.WorkerReport.LaneReport;
import dev.lanes.fleet.WorkerReport.PausedPartition;
import dev.lanes.testkit.PrivateKafka;
import dev.lanes.testkit.TestKafka;
import dev.lanes.topics.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The overview in a real headless Chromium: both lanes with partitions and figures, a dependency
 * whose breaker is open, and the lag changing in place (htmx) when tasks arrive. The test plays the
 * fleet (worker and breaker reports written to the fleet topics, as {@code StatusCommandIT} does)
 * and seeds lag, retries and dead letters over the last hour, then takes the README's screenshot.
 *
 * <p>It runs on a broker of its own, so the screenshot shows the names a reader would use (lane
 * {@code orders}, dependency {@code payments-api}) instead of unique test names, and no other
 * test's workers or breakers show up in the shared fleet topics.
 */
class OverviewBrowserIT {

  private static final FleetCodec CODEC = new FleetCodec();

  private static PrivateKafka broker;

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

  @Test
  void showsLanesAndBreakersAndRefreshesTheLagWithoutReloading() throws Exception {
    TestKafka kafka = broker.kafka();
    Instant now = Instant.now();
    LaneConfig orders = lane(kafka, "orders", 3);
    LaneConfig emails = lane(kafka, "emails", 2);
    seedLag(kafka, orders, 40, 12);
    seedLag(kafka, emails, 18, 10);
    seedLastHour(kafka, orders, now, 5, 2);
    seedLastHour(kafka, emails, now, 2, 1);
    String payments = "payments-api";
    String geo = "geo-service";
    reportFleet(kafka, now, orders, emails, payments, geo);

    try (OverviewConsole console =
            OverviewConsole.start(
                OverviewApiIT.client(kafka.bootstrapServers()), List.of(orders, emails));
        Browser browser = Browser.open()) {
      WebDriver driver = browser.driver();
      driver.get(console.uri("/").toString());

      // htmx replaces the region every 5 s, so elements found before a swap go stale: read each
      // value with one script, which runs between swaps.
      await().atMost(Duration.ofSeconds(15)).until(() -> count(driver, rowSelector(emails)) == 1);
      String ordersRow = rowSelector(orders);
      assertThat(count(driver, ordersRow)).isEqualTo(1);
      assertThat(count(driver, "#partitions-" + css(orders.name()) + " li"))
          .isGreaterThanOrEqualTo(3);
      assertThat(count(driver, "#partitions-" + css(emails.name()) + " li"))
          .isGreaterThanOrEqualTo(2);
      String lagBefore = text(driver, ordersRow + " td.lag");
      assertThat(text(driver, ordersRow + " td.tasks-per-second")).isEqualTo("80.6");
      assertThat(text(driver, ordersRow + " td.live-workers")).isEqualTo("2");
      assertThat(text(driver, ordersRow + " td.dead-letters-last-hour")).isNotEqualTo("0");
      assertThat(text(driver, ordersRow + " td.lag-excluding-paused")).isNotEqualTo(lagBefore);
      assertThat(attribute(driver, ordersRow + " svg.chart", "aria-label"))
          .startsWith("Lane " + orders.name() + ", last hour per minute: ");
      assertThat(text(driver, "#dependencies tr[data-dependency='" + payments + "'] .state"))
          .startsWith("OPEN");
      assertThat(text(driver, "#dependencies tr[data-dependency='" + geo + "'] .state"))
          .isEqualTo("CLOSED");
      browser.screenshot("overview");

      ((JavascriptExecutor) driver).executeScript("window.lanesNotReloaded = true;");
      kafka.send(
          orders.topic(),
          List.of(
              new ProducerRecord<>(orders.topic(), 0, "more-1", "{}"),
              new ProducerRecord<>(orders.topic(), 1, "more-2", "{}")));

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(text(driver, ordersRow + " td.lag"))
                      .isEqualTo(Long.toString(Long.parseLong(lagBefore) + 2)));
      assertThat(((JavascriptExecutor) driver).executeScript("return window.lanesNotReloaded"))
          .as("the page swapped the figures in place instead of reloading")
          .isEqualTo(true);
    }
  }

  private static String rowSelector(LaneConfig lane) {
    return "#lanes tr[data-lane='" + lane.name() + "']";
  }

  private static long count(WebDriver driver, String selector) {
    return (Long)
        script(driver, "return document.querySelectorAll(arguments[0]).length;", selector);
  }

  private static String text(WebDriver driver, String selector) {
    return (String)
        script(driver, "return document.querySelector(arguments[0]).textContent.trim();", selector);
  }

  private static String attribute(WebDriver driver, String selector, String name) {
    return (String)
        script(
            driver,
            "return document.querySelector(arguments[0]).getAttribute(arguments[1]);",
            selector,
            name);
  }

  private static Object script(WebDriver driver, String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  // Lane names hold only [a-zA-Z0-9._-]; a dot needs escaping in a selector.
  private static String css(String id) {
    return id.replace(".", "\\.");
  }

  private static LaneConfig lane(TestKafka kafka, String name, int partitions) {
    LaneConfig lane = LaneConfig.of(name, TopicNames.main(name));
    kafka.createTopics(lane.allTopics(), partitions);
    return lane;
  }

  /** {@code tasks} tasks over the partitions, the lane's group past the first {@code done}. */
  private static void seedLag(TestKafka kafka, LaneConfig lane, int tasks, int done)
      throws Exception {
    int partitions = kafka.partitionCount(lane.topic());
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      records.add(new ProducerRecord<>(lane.topic(), i % partitions, "task-" + i, "{}"));
    }
    kafka.send(lane.topic(), records);
    kafka
        .admin()
        .alterConsumerGroupOffsets(
            lane.groupId(),
            Map.of(new TopicPartition(lane.topic(), 0), new OffsetAndMetadata(done)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  /**
   * Retries every minute of the last hour with a burst 20 minutes ago, dead letters in the burst;
   * the retry group has worked through all but the last two retries of each partition.
   */
  private static void seedLastHour(
      TestKafka kafka, LaneConfig lane, Instant now, int burst, int deadLettersPerBurst)
      throws Exception {
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    String retry = lane.retryTopics().get(0);
    List<ProducerRecord<String, String>> retries = new ArrayList<>();
    List<ProducerRecord<String, String>> deadLetters = new ArrayList<>();
    for (int ago = 58; ago >= 0; ago--) {
      boolean inBurst = ago >= 18 && ago <= 22;
      int count = inBurst ? burst * (3 - Math.abs(20 - ago)) : ago % 5 == 0 ? 2 : ago % 2;
      long at = minute.minus(ago, ChronoUnit.MINUTES).plusSeconds(20).toEpochMilli();
      for (int i = 0; i < count; i++) {
        retries.add(new ProducerRecord<>(retry, i % 2, at, "retry-" + ago + "-" + i, "{}"));
      }
      if (inBurst && ago % 2 == 0) {
        for (int i = 0; i < deadLettersPerBurst; i++) {
          deadLetters.add(
              new ProducerRecord<>(lane.deadLetterTopic(), i % 2, at, "dead-" + i, "{}"));
        }
      }
    }
    kafka.send(retry, retries);
    kafka.send(lane.deadLetterTopic(), deadLetters);
    Map<TopicPartition, OffsetAndMetadata> retried = new java.util.HashMap<>();
    kafka
        .endOffsets(retry)
        .forEach(
            (partition, end) ->
                retried.put(partition, new OffsetAndMetadata(Math.max(0, end - 2))));
    kafka
        .admin()
        .alterConsumerGroupOffsets(lane.retryGroupId(), retried)
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private static void reportFleet(
      TestKafka kafka,
      Instant now,
      LaneConfig orders,
      LaneConfig emails,
      String payments,
      String geo)
      throws Exception {
    for (String topic : List.of(TopicNames.FLEET, TopicNames.DEPENDENCIES)) {
      if (!kafka.topicExists(topic)) {
        kafka.createTopic(topic, 3, Map.of("cleanup.policy", "compact"));
      }
    }
    String workerA = "worker-a-1";
    String workerB = "worker-b-1";
    String pausedPartition = orders.topic() + "-2";
    WorkerReport a =
        new WorkerReport(
            workerA,
            "pod-a",
            "zone-a",
            "0.1.0",
            now.minus(Duration.ofHours(2)),
            now,
            Duration.ofMinutes(1),
            List.of(
                new LaneReport(
                    orders.name(),
                    orders.groupId(),
                    List.of(orders.topic() + "-0", pausedPartition),
                    14,
                    30,
                    16,
                    42.5,
                    List.of(PausedPartition.onDependency(pausedPartition, payments))),
                new LaneReport(
                    emails.name(),
                    emails.groupId(),
                    List.of(emails.topic() + "-0"),
                    3,
                    4,
                    4,
                    6.2,
                    List.of())),
            List.of(
                new DependencyView(payments, DependencyReport.OPEN, now.minusSeconds(95), 1, true),
                new DependencyView(geo, DependencyReport.CLOSED, now.minusSeconds(3600), 0, true)));
    WorkerReport b =
        new WorkerReport(
            workerB,
            "pod-b",
            "zone-b",
            "0.1.0",
            now.minus(Duration.ofMinutes(40)),
            now,
            Duration.ofMinutes(1),
            List.of(
                new LaneReport(
                    orders.name(),
                    orders.groupId(),
                    List.of(orders.topic() + "-1"),
                    9,
                    10,
                    10,
                    38.1,
                    List.of()),
                new LaneReport(
                    emails.name(),
                    emails.groupId(),
                    List.of(emails.topic() + "-1"),
                    2,
                    4,
                    4,
                    5.0,
                    List.of())),
            List.of(
                new DependencyView(
                    payments, DependencyReport.OPEN, now.minusSeconds(95), 0, true)));
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      producer.send(record(TopicNames.FLEET, workerA, CODEC.encode(a))).get();
      producer.send(record(TopicNames.FLEET, workerB, CODEC.encode(b))).get();
      producer
          .send(
              record(
                  TopicNames.DEPENDENCIES,
                  payments,
                  CODEC.encode(
                      new DependencyReport(
                          payments,
                          DependencyReport.OPEN,
                          now.plusSeconds(30),
                          workerA,
                          "5 consecutive failures (HTTP 503)",
                          now.minusSeconds(95)))))
          .get();
      producer
          .send(
              record(
                  TopicNames.DEPENDENCIES,
                  geo,
                  CODEC.encode(
                      new DependencyReport(
                          geo,
                          DependencyReport.CLOSED,
                          null,
                          workerB,
                          "probe succeeded",
                          now.minusSeconds(3600)))))
          .get();
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(
        topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
  }

  private static KafkaProducer<byte[], byte[]> producer(TestKafka kafka) {
    Map<String, Object> config = new java.util.HashMap<>(kafka.producerConfig());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(config);
  }
}
