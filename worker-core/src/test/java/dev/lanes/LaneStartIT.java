package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.lanes.testkit.KafkaTest;
import dev.lanes.testkit.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A lane's start does not depend on which of its poll loops joins first. Runs with the consumer's
 * default heartbeat (3 s), as a deployment does: with the main and retry loops as two members of
 * one group, a main loop that asked to join after the retry loop had joined got its partitions only
 * at the retry loop's next heartbeat.
 *
 * <p>"Joined" is the first partitions-assigned callback of any of the lane's loops (logged as
 * {@code partitions assigned lane=<lane>/<loop>}): the moment the lane first is a member of a
 * stable group. The main loop's own callback would not do: the stall is the wait for it.
 */
@KafkaTest
class LaneStartIT {

  private static final int STARTS = 20;
  private static final long BUDGET_MILLIS = 1_000;

  @Test
  void everyStartHandlesTheFirstRecordWithinOneSecondOfJoining(TestKafka kafka) {
    String topic = kafka.uniqueName("tasks.start");
    kafka.createTopic(topic, 2);
    LaneConfig lane = TestRuntimes.lane(kafka, "start", topic);
    TestRuntimes.createRetryAndDeadLetterTopics(kafka, lane);
    Map<String, Long> handledAt = new ConcurrentHashMap<>();
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(
                "work",
                (task, context) -> handledAt.putIfAbsent(task.id(), System.currentTimeMillis()))
            .build();
    AssignmentLog assignments = AssignmentLog.attach();
    List<Long> afterJoin = new ArrayList<>();
    List<Long> afterStart = new ArrayList<>();
    try {
      // Start 0 warms the JVM up (class loading on the handling path) and is not counted.
      for (int start = 0; start <= STARTS; start++) {
        String id = "first-" + start;
        kafka.send(topic, List.of(TaskRecords.task(topic, null, id, "work")));
        assignments.clear();
        long startedAt = System.currentTimeMillis();
        try (LanesRuntime runtime =
            LanesRuntime.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .handlers(handlers)
                .meterRegistry(new SimpleMeterRegistry())
                .lane(lane)
                .build()
                .start()) {
          await().atMost(Duration.ofSeconds(20)).until(() -> handledAt.containsKey(id));
        }
        long joinedAt = assignments.firstOf(lane.name()).orElseThrow();
        if (start > 0) {
          afterJoin.add(handledAt.get(id) - joinedAt);
          afterStart.add(handledAt.get(id) - startedAt);
        }
      }
    } finally {
      assignments.detach();
    }
    System.out.printf(
        "lane start, %d starts: first record handled after the join (ms) %s; after start() %s%n",
        STARTS, afterJoin, afterStart);
    assertThat(afterJoin)
        .as("ms from the lane's first partition assignment to its first record handled")
        .allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(BUDGET_MILLIS));
  }

  /** The runtime's "partitions assigned" log lines, with their times. */
  private static final class AssignmentLog extends AppenderBase<ILoggingEvent> {

    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    static AssignmentLog attach() {
      AssignmentLog log = new AssignmentLog();
      log.start();
      ((Logger) LoggerFactory.getLogger("dev.lanes")).addAppender(log);
      return log;
    }

    void detach() {
      ((Logger) LoggerFactory.getLogger("dev.lanes")).detachAppender(this);
      stop();
    }

    void clear() {
      events.clear();
    }

    OptionalLong firstOf(String lane) {
      return events.stream()
          .filter(
              event ->
                  event.getFormattedMessage().startsWith("partitions assigned lane=" + lane + "/"))
          .mapToLong(ILoggingEvent::getTimeStamp)
          .min();
    }

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
    }
  }
}
