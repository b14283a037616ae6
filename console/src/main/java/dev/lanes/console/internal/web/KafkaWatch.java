package dev.lanes.console.internal.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Kafka "are you there" at start and every {@link #EVERY} on one daemon thread, and keeps the
 * answer as the banner every page shows, so a page knows Kafka is down without waiting for its own
 * call to time out first.
 */
public final class KafkaWatch implements AutoCloseable {

  static final Duration EVERY = Duration.ofSeconds(5);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(KafkaWatch.class);

  private final Map<String, Object> clientProperties;
  private final Duration timeout;
  private final ScheduledExecutorService thread;
  private volatile String banner;
  private Admin admin; // only the watch thread touches it

  KafkaWatch(Map<String, Object> clientProperties) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.timeout = timeout(clientProperties);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread watch = new Thread(task, "lanes-console-kafka-watch");
              watch.setDaemon(true);
              return watch;
            });
  }

  /** Starts watching the Kafka these client properties (with their timeouts) reach. */
  public static KafkaWatch start(Map<String, Object> clientProperties) {
    KafkaWatch watch = new KafkaWatch(clientProperties);
    watch.thread.scheduleWithFixedDelay(watch::check, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  /** Why Kafka does not answer, for the pages' banner; null when it answered last time. */
  public String banner() {
    return banner;
  }

  /** One look at Kafka; the watch thread runs it every {@link #EVERY}, a test directly. */
  void check() {
    String was = banner;
    try {
      if (admin == null) {
        admin = Admin.create(clientProperties);
      }
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .clusterId()
          .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      banner = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | TimeoutException e) {
      banner = unreachable(describe(e));
    } catch (RuntimeException e) {
      // e.g. settings Kafka refuses; keep watching, the banner says why
      banner = unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (was == null ? banner != null : banner == null) {
      LOG.info(
          "event=kafka-{} servers={}", banner == null ? "reachable" : "unreachable", servers());
    }
  }

  private String describe(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return "timed out after " + timeout.toSeconds() + "s";
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private String unreachable(String why) {
    return "Kafka at "
        + servers()
        + " does not answer ("
        + why
        + "); pages show what they can and catch up when it is back.";
  }

  private String servers() {
    return String.valueOf(clientProperties.get("bootstrap.servers"));
  }

  private static Duration timeout(Map<String, Object> clientProperties) {
    Object configured = clientProperties.get("default.api.timeout.ms");
    if (configured == null) {
      return DEFAULT_TIMEOUT;
    }
    return Duration.ofMillis(Long.parseLong(configured.toString()));
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close(Duration.ZERO);
    }
  }
}
