package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A lane with several main-topic poll loops: one group, partitions split, guarantees kept. */
@KafkaTest
class PollersIT {

  private static final int PARTITIONS = 6;
  private static final int POLLERS = 3;
  private static final int KEYS = 30;
  private static final int TASKS_PER_KEY = 40;
  private static final String BLOCKED_KEY = "key-7";
  private static final int BLOCKED_SEQ = 5;

  @Test
  void pollersSplitThePartitionsRunOnThreadsOfTheirOwnAndCommitEverythingOnStop(TestKafka kafka)
      throws Exception {
    String topic = kafka.uniqueName("tasks.pollers");
    kafka.createTopic(topic, PARTITIONS);
    kafka.send(topic, TaskRecords.tasks(topic, "t", "noop", 60));
    TaskJournal journal = new TaskJournal();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register("noop", journal.recording((task, context) -> {}))
            .build();
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic).withPollers(POLLERS);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> journal.count() == 60);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertEveryLoopOwnsSomePartitions(kafka, lane, topic));
      assertThat(runtime.health().lanes().get(0).assignedPartitions())
          .as("main and retry partitions the lane owns")
          .isEqualTo(PARTITIONS * (1 + lane.retryTopics().size()));
      assertThat(pollThreads(lane))
          .containsExactlyInAnyOrder(
              "lanes-batch-main-1-poll",
              "lanes-batch-main-2-poll",
              "lanes-batch-main-3-poll",
              "lanes-batch-retry-poll");
    }
    // The four loops drained and left the group together: every finished record is committed.
    Map<TopicPartition, Long> committed = kafka.committedOffsets(lane.groupId());
    kafka
        .endOffsets(topic)
        .forEach(
            (partition, end) ->
                assertThat(committed.getOrDefault(partition, 0L))
                    .as("committed offset of %s after the stop", partition)
                    .isEqualTo(end));
  }

  @Test
  void severalPollersKeepKeyOrderAndNeverCommitPastAnUnfinishedRecord(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.pollers");
    kafka.createTopic(topic, PARTITIONS);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int seq = 0; seq < TASKS_PER_KEY; seq++) {
      for (int key = 0; key < KEYS; key++) {
        records.add(
            TaskRecords.task(
                topic,
                "key-" + key,
                "key-" + key + "-" + seq,
                "step",
                TaskRecords.payload().put("seq", seq)));
      }
    }
    kafka.send(topic, records);

    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<TopicPartition> blockedPartition = new AtomicReference<>();
    AtomicInteger blockedOffset = new AtomicInteger(-1);
    Map<String, List<Integer>> seenByKey = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "step",
                (task, context) -> {
                  int seq = task.payload().get("seq").asInt();
                  seenByKey
                      .computeIfAbsent(
                          context.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                      .add(seq);
                  if (context.key().equals(BLOCKED_KEY) && seq == BLOCKED_SEQ) {
                    blockedPartition.set(new TopicPartition(context.topic(), context.partition()));
                    blockedOffset.set((int) context.offset());
                    release.await(60, TimeUnit.SECONDS);
                  }
                  done.incrementAndGet();
                })
            .build();
    LaneConfig lane =
        TestRuntimes.lane(kafka, "batch", topic).withConcurrency(4).withPollers(POLLERS);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      try {
        // Everything finished but the blocked record and the later tasks of its key, queued
        // behind it by KEY order.
        int waiting = TASKS_PER_KEY - BLOCKED_SEQ;
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> done.get() == KEYS * TASKS_PER_KEY - waiting);
        TopicPartition held = blockedPartition.get();
        long heldAt = blockedOffset.get();
        Map<TopicPartition, Long> ends = kafka.endOffsets(topic);
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertCommittedUpToTheEndExcept(kafka, lane, ends, held));
        // Commit intervals pass with later records of the held partition finished.
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(5))
            .until(() -> committed(kafka, lane, held) == heldAt);

        release.countDown();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> committed(kafka, lane, held) == ends.get(held));
      } finally {
        release.countDown(); // a failed wait must not leave close() waiting on the held task
      }
    }

    List<Integer> produceOrder = IntStream.range(0, TASKS_PER_KEY).boxed().toList();
    assertThat(seenByKey).hasSize(KEYS);
    seenByKey.forEach(
        (key, seen) -> assertThat(seen).as("processing order of %s", key).isEqualTo(produceOrder));
  }

  private static void assertEveryLoopOwnsSomePartitions(
      TestKafka kafka, LaneConfig lane, String topic) throws Exception {
    ConsumerGroupDescription group =
        kafka
            .admin()
            .describeConsumerGroups(List.of(lane.groupId()))
            .describedGroups()
            .get(lane.groupId())
            .get(10, TimeUnit.SECONDS);
    assertThat(group.members()).hasSize(POLLERS);
    Set<String> loops = new HashSet<>();
    Set<TopicPartition> owned = new HashSet<>();
    for (MemberDescription member : group.members()) {
      Set<TopicPartition> partitions = member.assignment().topicPartitions();
      assertThat(partitions).as("partitions of member %s", member.clientId()).isNotEmpty();
      owned.addAll(partitions);
      loops.add(member.clientId().substring(member.clientId().lastIndexOf("-main-") + 1));
    }
    assertThat(loops).containsExactlyInAnyOrder("main-1", "main-2", "main-3");
    assertThat(owned).hasSize(PARTITIONS).allMatch(partition -> partition.topic().equals(topic));
  }

  private static void assertCommittedUpToTheEndExcept(
      TestKafka kafka, LaneConfig lane, Map<TopicPartition, Long> ends, TopicPartition held) {
    Map<TopicPartition, Long> committed = kafka.committedOffsets(lane.groupId());
    ends.forEach(
        (partition, end) -> {
          if (!partition.equals(held)) {
            assertThat(committed.get(partition))
                .as("committed offset of %s", partition)
                .isEqualTo(end);
          }
        });
  }

  private static long committed(TestKafka kafka, LaneConfig lane, TopicPartition partition) {
    return kafka.committedOffsets(lane.groupId()).getOrDefault(partition, -1L);
  }

  private static List<String> pollThreads(LaneConfig lane) {
    String prefix = "lanes-" + lane.name() + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix) && name.endsWith("-poll"))
        .toList();
  }
}
