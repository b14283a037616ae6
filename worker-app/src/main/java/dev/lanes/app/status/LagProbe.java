package dev.lanes.app.status;

import dev.lanes.LaneConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Measures lanes through the admin API only: the lane's group's committed offsets against the end
 * of its main topic, its retry group's against the end of its retry topics, and the dead letters
 * written in the last hour. Works against any cluster, with or without workers running.
 */
public final class LagProbe {

  static final Duration DEAD_LETTER_WINDOW = Duration.ofHours(1);

  private final Admin admin;
  private final Duration timeout;

  public LagProbe(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Each lane's lag, by lane name. */
  public Map<String, LaneLag> measure(List<LaneConfig> lanes, Instant now) {
    Map<String, LaneLag> lags = new LinkedHashMap<>();
    for (LaneConfig lane : lanes) {
      lags.put(lane.name(), measure(lane, now));
    }
    return lags;
  }

  private LaneLag measure(LaneConfig lane, Instant now) {
    Integer partitions = partitionCount(lane.topic());
    if (partitions == null) {
      return LaneLag.missing(lane.name());
    }
    Map<String, Long> lag = new LinkedHashMap<>();
    lag.putAll(lag(lane.groupId(), List.of(lane.topic()), partitions));
    List<String> retries = new ArrayList<>();
    for (String retry : lane.retryTopics()) {
      if (partitionCount(retry) != null) {
        retries.add(retry);
      }
    }
    lag.putAll(lag(lane.retryGroupId(), retries, partitions));
    return new LaneLag(lane.name(), partitions, lag, deadLetters(lane.deadLetterTopic(), now));
  }

  /** Lag per partition ({@code topic-n}) of {@code group} on {@code topics}. */
  private Map<String, Long> lag(String group, List<String> topics, int partitions) {
    List<TopicPartition> all = partitionsOf(topics, partitions);
    if (all.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(
            admin
                .listConsumerGroupOffsets(
                    Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(all)))
                .partitionsToOffsetAndMetadata(group),
            "committed offsets of group " + group);
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(all, OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(all, OffsetSpec.earliest());
    Map<String, Long> lag = new LinkedHashMap<>();
    for (TopicPartition partition : all) {
      OffsetAndMetadata commit = committed.get(partition);
      long from = commit != null ? commit.offset() : starts.get(partition).offset();
      lag.put(partition.toString(), Math.max(0, ends.get(partition).offset() - from));
    }
    return lag;
  }

  private long deadLetters(String topic, Instant now) {
    Integer partitions = partitionCount(topic);
    if (partitions == null) {
      return 0;
    }
    List<TopicPartition> all = partitionsOf(List.of(topic), partitions);
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(all, OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResultInfo> hourAgo =
        offsets(all, OffsetSpec.forTimestamp(now.minus(DEAD_LETTER_WINDOW).toEpochMilli()));
    long count = 0;
    for (TopicPartition partition : all) {
      long first = hourAgo.get(partition).offset();
      // -1: no record that young, so none in the window.
      if (first >= 0) {
        count += Math.max(0, ends.get(partition).offset() - first);
      }
    }
    return count;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    return await(admin.listOffsets(request).all(), "offsets of " + partitions);
  }

  private static List<TopicPartition> partitionsOf(List<String> topics, int partitions) {
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : topics) {
      for (int partition = 0; partition < partitions; partition++) {
        all.add(new TopicPartition(topic, partition));
      }
    }
    return all;
  }

  /** The topic's partition count, or null when it does not exist. */
  private Integer partitionCount(String topic) {
    try {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .topicNameValues()
              .get(topic)
              .get(millis(), TimeUnit.MILLISECONDS);
      return description.partitions().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IllegalStateException(
          "cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "describing topic " + topic + " took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic, e);
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(millis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot read " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("reading " + what + " took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + what, e);
    }
  }

  private long millis() {
    return timeout.toMillis() + 2_000;
  }
}
