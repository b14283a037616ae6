package dev.lanes;

import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.GroupProtocol;

/** Runtimes wired for integration tests: quick commits, quick rebalances. */
final class TestRuntimes {

  private TestRuntimes() {}

  /** A lane over {@code topic} with its own group and test-friendly timings. */
  static LaneConfig lane(TestKafka kafka, String name, String topic) {
    return LaneConfig.of(name, topic)
        .withGroupId(kafka.uniqueName("group-" + name))
        .withCommitInterval(Duration.ofMillis(200))
        .withShutdownGrace(Duration.ofSeconds(20))
        .withRevokeGrace(Duration.ofSeconds(5));
  }

  static LanesRuntime start(TestKafka kafka, HandlerRegistry handlers, LaneConfig... lanes) {
    return start(kafka, handlers, new SimpleMeterRegistry(), lanes);
  }

  static LanesRuntime start(
      TestKafka kafka, HandlerRegistry handlers, MeterRegistry registry, LaneConfig... lanes) {
    return start(kafka, handlers, registry, GroupProtocol.CLASSIC, lanes);
  }

  static LanesRuntime start(
      TestKafka kafka,
      HandlerRegistry handlers,
      MeterRegistry registry,
      GroupProtocol protocol,
      LaneConfig... lanes) {
    LanesRuntime.Builder builder =
        LanesRuntime.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .handlers(handlers)
            .meterRegistry(registry)
            .consumerProperty("group.protocol", protocol.name().toLowerCase(Locale.ROOT));
    if (protocol == GroupProtocol.CLASSIC) {
      // Members notice rebalances at their next heartbeat: keep tests from waiting seconds. (The
      // broker sets these for the KIP-848 "consumer" protocol, and its clients refuse them.)
      builder
          .consumerProperty("heartbeat.interval.ms", 300)
          .consumerProperty("session.timeout.ms", 6000);
    }
    for (LaneConfig lane : lanes) {
      createRetryAndDeadLetterTopics(kafka, lane);
      builder.lane(lane);
    }
    return builder.build().start();
  }

  /** Creates the lane's missing retry and dead-letter topics, as large as its main topic. */
  static void createRetryAndDeadLetterTopics(TestKafka kafka, LaneConfig lane) {
    List<String> missing =
        lane.allTopics().stream().filter(topic -> !kafka.topicExists(topic)).toList();
    if (!missing.isEmpty()) {
      kafka.createTopics(missing, kafka.partitionCount(lane.topic()));
    }
  }

  /** Sum over partitions of a group's committed offsets: records it will not see again. */
  static long committedTotal(TestKafka kafka, String groupId) {
    return kafka.committedOffsets(groupId).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Sum over the lane's main and retry partitions of its groups' committed offsets. */
  static long committedTotal(TestKafka kafka, LaneConfig lane) {
    return groupsOf(lane).stream().mapToLong(group -> committedTotal(kafka, group)).sum();
  }

  /** The consumer groups that commit the lane's offsets: main topic, and retry topics. */
  static List<String> groupsOf(LaneConfig lane) {
    return List.of(lane.groupId(), lane.retryGroupId());
  }

  static long endTotal(TestKafka kafka, String topic) {
    return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }
}
