package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaTest
class KeyOrderingIT {

  private static final int KEYS = 50;
  private static final int TASKS_PER_KEY = 200;

  @Test
  void tasksOfAKeyRunInProduceOrderWhileDifferentKeysOverlap(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.ordering");
    kafka.createTopic(topic, 6);
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

    Map<String, List<Integer>> seenByKey = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> runningByKey = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger sameKeyOverlaps = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "step",
                (task, context) -> {
                  AtomicInteger ofKey =
                      runningByKey.computeIfAbsent(context.key(), k -> new AtomicInteger());
                  if (ofKey.incrementAndGet() > 1) {
                    sameKeyOverlaps.incrementAndGet();
                  }
                  maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                  seenByKey
                      .computeIfAbsent(
                          context.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                      .add(task.payload().get("seq").asInt());
                  LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 500_000));
                  running.decrementAndGet();
                  ofKey.decrementAndGet();
                  done.incrementAndGet();
                })
            .build();
    LaneConfig lane = TestRuntimes.lane(kafka, "batch", topic).withConcurrency(8);

    try (LanesRuntime runtime = TestRuntimes.start(kafka, handlers, lane)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> done.get() == KEYS * TASKS_PER_KEY);
    }

    List<Integer> produceOrder = IntStream.range(0, TASKS_PER_KEY).boxed().toList();
    assertThat(seenByKey).hasSize(KEYS);
    seenByKey.forEach(
        (key, seen) -> assertThat(seen).as("processing order of %s", key).isEqualTo(produceOrder));
    assertThat(sameKeyOverlaps.get()).as("tasks of one key running at once").isZero();
    assertThat(maxRunning.get()).as("tasks of different keys running at once").isGreaterThan(1);
  }
}
