package dev.lanes.tools.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Waits until every partition of some topics has a leader: producing to a partition just created
 * can fail until it has one (KAFKA-15591), and a drill must not count its own start as an error.
 */
final class TopicLeaders {

  private TopicLeaders() {}

  static void await(String bootstrapServers, Collection<String> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> leaderless = List.of("(not asked yet)");
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      while (System.nanoTime() < deadline) {
        try {
          leaderless = leaderless(admin, topics);
          if (leaderless.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
          leaderless = List.of("(cannot describe: " + e.getMessage() + ")");
        }
        LanesProcess.sleep(Duration.ofMillis(200));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for partition leaders", e);
    }
    throw new IllegalStateException(
        "partitions without a leader after " + timeout + ": " + leaderless);
  }

  private static List<String> leaderless(Admin admin, Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
    List<String> missing = new ArrayList<>();
    descriptions.forEach(
        (topic, description) -> {
          for (TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
              missing.add(topic + "-" + partition.partition());
            }
          }
        });
    return missing;
  }
}
