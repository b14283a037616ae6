package dev.lanes.app.dlt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Blocking admin calls with a bounded wait, for tools that do one thing and exit. */
final class AdminCalls {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private AdminCalls() {}

  /**
   * The future's value. Kafka's own errors come back as {@link ExecutionException} for the caller
   * to inspect (some, like "topic exists", are expected); a timeout or interrupt ends the tool.
   */
  static <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    }
  }

  /**
   * The topic's description, or null when it does not exist.
   *
   * @throws IllegalStateException when the cluster cannot say
   */
  static TopicDescription describe(Admin admin, String topic) {
    try {
      return await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
          .get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IllegalStateException("cannot describe topic " + topic, e.getCause());
    }
  }
}
