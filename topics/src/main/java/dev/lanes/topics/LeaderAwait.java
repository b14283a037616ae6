package dev.lanes.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits until every partition of new topics has a leader that serves it. createTopics completes
 * when the controller accepts the topics, before brokers have applied them; producing in that
 * window made an idempotent producer fail with OutOfOrderSequenceException on Kafka 4.4
 * (KAFKA-15591).
 */
final class LeaderAwait {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Admin admin;

  LeaderAwait(Admin admin) {
    this.admin = admin;
  }

  /** Descriptions of {@code topics}, returned once each of their partitions is served. */
  Map<String, TopicDescription> await(Collection<String> topics, Deadline deadline) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    while (true) {
      Poll poll = describe(topics, deadline);
      if (poll.waiting().isEmpty()) {
        poll = new Poll(poll.ready(), unserved(poll.ready(), deadline));
      }
      if (poll.waiting().isEmpty()) {
        return poll.ready();
      }
      if (deadline.remaining().compareTo(POLL_INTERVAL) < 0) {
        throw new TopicProvisioningException(
            "topics still without serving leaders after "
                + deadline.timeout()
                + ": "
                + poll.waiting());
      }
      pause();
    }
  }

  private Poll describe(Collection<String> topics, Deadline deadline) {
    Map<String, TopicDescription> ready = new LinkedHashMap<>();
    List<String> waiting = new ArrayList<>();
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin.describeTopics(topics).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
      String topic = entry.getKey();
      try {
        TopicDescription description = deadline.await(entry.getValue(), "describe topic " + topic);
        List<Integer> leaderless = leaderlessPartitions(description);
        if (leaderless.isEmpty() && !description.partitions().isEmpty()) {
          ready.put(topic, description);
        } else {
          waiting.add(topic + " partitions " + leaderless + " have no leader");
        }
      } catch (ExecutionException e) {
        // The broker answering may not have applied the new topic yet: not an error, keep polling.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new TopicProvisioningException("describe topic " + topic + " failed", e.getCause());
        }
        waiting.add(topic + " is not visible yet");
      }
    }
    return new Poll(ready, waiting);
  }

  /**
   * A leader in the metadata is not enough: a broker can announce it a moment before it hosts the
   * partition. A leader that answers ListOffsets for its partition is hosting it.
   */
  private List<String> unserved(Map<String, TopicDescription> topics, Deadline deadline) {
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    topics.forEach(
        (topic, description) ->
            description
                .partitions()
                .forEach(
                    p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    try {
      deadline.await(admin.listOffsets(latest).all(), "list offsets of " + topics.keySet());
      return List.of();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RetriableException)) {
        throw new TopicProvisioningException(
            "list offsets of " + topics.keySet() + " failed", e.getCause());
      }
      return List.of(topics.keySet() + " not served yet: " + e.getCause().getMessage());
    }
  }

  static List<Integer> leaderlessPartitions(TopicDescription description) {
    List<Integer> leaderless = new ArrayList<>();
    for (TopicPartitionInfo partition : description.partitions()) {
      Node leader = partition.leader();
      if (leader == null || leader.isEmpty()) {
        leaderless.add(partition.partition());
      }
    }
    return leaderless;
  }

  // A fixed short pause: new topics usually get leaders within a few hundred milliseconds.
  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicProvisioningException("interrupted while waiting for topic leaders", e);
    }
  }

  private record Poll(Map<String, TopicDescription> ready, List<String> waiting) {}
}
