package dev.lanes.app;

import dev.lanes.app.config.DurationFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the cluster to answer before a command does its work. A dead broker otherwise shows up as
 * whatever the first client call says when it gives up ("Topic tasks.realtime not present in
 * metadata after 10000 ms"), which blames the topic for the address.
 */
final class ClusterReach {

  private ClusterReach() {}

  /**
   * Returns once a broker at {@code bootstrap} answered within {@code timeout}.
   *
   * @throws IllegalStateException naming the address when none did
   */
  static void require(Map<String, Object> client, String bootstrap, Duration timeout) {
    try (Admin admin = create(client, bootstrap)) {
      await(
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout))).nodes(),
          bootstrap,
          timeout);
    }
  }

  /**
   * As {@link #require}, and the topic exists.
   *
   * @throws IllegalStateException naming the topic when it does not
   */
  static void requireTopic(
      Map<String, Object> client, String bootstrap, Duration timeout, String topic) {
    try (Admin admin = create(client, bootstrap)) {
      await(
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout))).nodes(),
          bootstrap,
          timeout);
      try {
        await(
            admin
                .describeTopics(
                    List.of(topic), new DescribeTopicsOptions().timeoutMs(millis(timeout)))
                .allTopicNames(),
            bootstrap,
            timeout);
      } catch (TopicMissing e) {
        throw new IllegalStateException(
            "topic "
                + topic
                + " does not exist at "
                + bootstrap
                + "; 'lanes topics apply' (or 'lanes run') creates the lanes' topics");
      }
    }
  }

  private static Admin create(Map<String, Object> client, String bootstrap) {
    try {
      return Admin.create(client);
    } catch (KafkaException e) {
      // e.g. a host name that does not resolve: Kafka's message says so, its own says only
      // "Failed to create new KafkaAdminClient".
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot connect to Kafka at " + bootstrap + ": " + cause.getMessage(), e);
    }
  }

  private static <T> T await(
      org.apache.kafka.common.KafkaFuture<T> future, String bootstrap, Duration timeout) {
    try {
      // A little beyond the call's own timeout, so the call reports first.
      return future.get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw noAnswer(bootstrap, timeout, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnknownTopicOrPartitionException) {
        throw new TopicMissing();
      }
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw noAnswer(bootstrap, timeout, cause);
      }
      throw new IllegalStateException(
          "Kafka at " + bootstrap + " refused the request: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka at " + bootstrap, e);
    }
  }

  private static IllegalStateException noAnswer(
      String bootstrap, Duration timeout, Throwable cause) {
    return new IllegalStateException(
        "no broker answered at "
            + bootstrap
            + " within "
            + DurationFormat.format(timeout)
            + ": is Kafka running there? (--bootstrap-server, --timeout)",
        cause);
  }

  private static int millis(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  /** The topic is not there: told apart from other failures only inside this class. */
  private static final class TopicMissing extends RuntimeException {
    TopicMissing() {
      super(null, null, false, false);
    }
  }
}
