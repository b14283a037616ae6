package dev.lanes.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The rule that a lane runs only when all its topics exist with one partition count: a failed
 * record keeps its partition number as it moves from the main topic to a retry or dead-letter
 * topic, so a differing count loses or misroutes records.
 */
public final class TopicLayout {

  private static final String MISSING = "missing";

  private TopicLayout() {}

  /**
   * What is wrong with the lane's topics, given the partition count of each topic that exists, e.g.
   * {@code lane realtime cannot run: ...; tasks.realtime=6, tasks.realtime.dlt=3}. Empty when every
   * topic exists and all counts agree.
   */
  public static Optional<String> problem(
      String lane, List<String> topicNames, Map<String, Integer> partitionsByTopic) {
    Objects.requireNonNull(topicNames, "topicNames");
    Objects.requireNonNull(partitionsByTopic, "partitionsByTopic");
    List<String> counts = new ArrayList<>();
    Set<Integer> distinct = new HashSet<>();
    boolean missing = false;
    for (String topic : topicNames) {
      Integer partitions = partitionsByTopic.get(topic);
      if (partitions == null) {
        missing = true;
        counts.add(topic + "=" + MISSING);
      } else {
        distinct.add(partitions);
        counts.add(topic + "=" + partitions);
      }
    }
    if (!missing && distinct.size() <= 1) {
      return Optional.empty();
    }
    return Optional.of(
        "lane "
            + lane
            + " cannot run: its topics must all exist with the same partition count; "
            + String.join(", ", counts));
  }

  /**
   * Checks the lane's topics as they exist on the cluster.
   *
   * @throws TopicLayoutException if a topic is missing or the partition counts disagree
   * @throws IllegalStateException if describing the topics fails or takes longer than {@code
   *     timeout}
   */
  public static void verify(Admin admin, String lane, List<String> topicNames, Duration timeout) {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(topicNames, "topicNames");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    problem(lane, topicNames, partitionCounts(admin, topicNames, Deadline.after(timeout)))
        .ifPresent(
            problem -> {
              throw new TopicLayoutException(problem);
            });
  }

  /** Throws one exception naming every lane whose topics in {@code partitionsByTopic} disagree. */
  static void requireEach(List<LaneTopics> lanes, Map<String, Integer> partitionsByTopic) {
    List<String> problems = new ArrayList<>();
    for (LaneTopics lane : lanes) {
      List<String> names = lane.allTopics().stream().map(TopicSpec::name).toList();
      problem(lane.lane(), names, partitionsByTopic).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new TopicLayoutException(String.join(System.lineSeparator(), problems));
    }
  }

  /** Partition count of each topic that exists; missing topics are left out. */
  private static Map<String, Integer> partitionCounts(
      Admin admin, List<String> topicNames, Deadline deadline) {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    if (topicNames.isEmpty()) {
      return partitions;
    }
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin.describeTopics(topicNames).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
      try {
        TopicDescription description =
            entry.getValue().get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        partitions.put(entry.getKey(), description.partitions().size());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException(describeFailed(entry.getKey(), topicNames), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            describeFailed(entry.getKey(), topicNames) + ": no answer within " + deadline.timeout(),
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(describeFailed(entry.getKey(), topicNames), e);
      }
    }
    return partitions;
  }

  private static String describeFailed(String topic, List<String> topicNames) {
    return "describe topic " + topic + " failed (checking the layout of " + topicNames + ")";
  }
}
