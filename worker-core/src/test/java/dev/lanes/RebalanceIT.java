package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@KafkaTest
class RebalanceIT {

  private static final int TASKS = 3_000;

  @ParameterizedTest(name = "group.protocol={0}")
  @EnumSource(GroupProtocol.class)
  void aSecondWorkerJoiningMidBacklogSharesTheWorkAndNothingIsLost(
      GroupProtocol protocol, TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.rebalance");
    kafka.createTopic(topic, 6);
    // Keyed, so every partition holds a share: keyless records land in whichever partition the
    // sticky partitioner picked for a batch, and the partitions that move to the joining worker
    // could then be ones the first had already emptied.
    kafka.send(
        topic,
        IntStream.range(0, TASKS)
            .mapToObj(i -> TaskRecords.task(topic, "key-" + i, "task-" + i, "work"))
            .toList());
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic).withConcurrency(2);

    TaskJournal first = new TaskJournal();
    TaskJournal second = new TaskJournal();
    try (LanesRuntime one =
        TestRuntimes.start(kafka, handlers(first), new SimpleMeterRegistry(), protocol, lane)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> first.count() >= TASKS / 10);
      try (LanesRuntime two =
          TestRuntimes.start(kafka, handlers(second), new SimpleMeterRegistry(), protocol, lane)) {
        Set<String> expected =
            IntStream.range(0, TASKS).mapToObj(i -> "task-" + i).collect(Collectors.toSet());
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> TaskJournal.union(first, second).containsAll(expected));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> TestRuntimes.committedTotal(kafka, lane.groupId()) == TASKS);
      }
    }
    assertThat(second.count()).as("the joining worker took a share").isGreaterThan(0);
    assertThat(TaskJournal.union(first, second)).hasSize(TASKS);
  }

  private static HandlerRegistry handlers(TaskJournal journal) {
    return HandlerRegistry.builder()
        .register("work", journal.recording((task, context) -> Thread.sleep(5)))
        .build();
  }
}
