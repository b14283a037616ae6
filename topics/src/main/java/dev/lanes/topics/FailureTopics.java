package dev.lanes.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics a failed task moves to, derived from its lane's main topic: numbered retry topics and
 * one dead-letter topic. They start from the main topic's partitions, replication and configs, so
 * they always satisfy {@link TopicLayout}.
 */
final class FailureTopics {

  // Main topics keep the broker's default limit of about 1 MiB. A record that filled it must still
  // fit here once the failure headers (error, attempt count, origin) are added to it.
  static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

  // Operators need time to inspect dead letters, fix the cause and replay them, weekends included.
  static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

  private FailureTopics() {}

  /** Retry topics 1..{@code count}; none for 0. */
  static List<TopicSpec> retries(TopicSpec main, int count) {
    List<TopicSpec> retries = new ArrayList<>();
    for (int number = 1; number <= count; number++) {
      retries.add(retry(main, number));
    }
    return List.copyOf(retries);
  }

  // Keeps the main topic's retention: a task waiting for its retry is as current as its peers.
  static TopicSpec retry(TopicSpec main, int number) {
    return failureTopic(main, TopicNames.retry(main.name(), number));
  }

  static TopicSpec deadLetter(TopicSpec main) {
    return failureTopic(main, TopicNames.deadLetter(main.name()))
        .withConfig(
            TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION.toMillis()));
  }

  private static TopicSpec failureTopic(TopicSpec main, String name) {
    return new TopicSpec(name, main.partitions(), main.replicationFactor(), main.configs())
        .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
        .withConfig(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
  }
}
