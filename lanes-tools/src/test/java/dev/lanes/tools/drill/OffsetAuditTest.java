package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetAuditTest {

  private static final TopicPartition MAIN = new TopicPartition("tasks.x", 0);
  private static final TopicPartition RETRY = new TopicPartition("tasks.x.retry.1", 0);

  private final RecordIndex index = new RecordIndex();
  private final TaskFates fates = new TaskFates();
  private final OffsetAudit audit = new OffsetAudit();

  @Test
  void aCommitPastAnUnfinishedTaskIsAViolation() {
    index.put(MAIN, 0, new TaskRecord("a", 1));
    index.put(MAIN, 1, new TaskRecord("b", 1));
    fates.completed("a");

    assertThat(audit.check(Map.of(MAIN, 2L), index, fates, false))
        .containsExactly("committed tasks.x-0@2 passes unfinished task b (attempt 1) at offset 1");
  }

  @Test
  void completedRetriedOrDeadLetteredTasksMayBeCommittedPast() {
    index.put(MAIN, 0, new TaskRecord("done", 1));
    index.put(MAIN, 1, new TaskRecord("retried", 1));
    index.put(MAIN, 2, new TaskRecord("dead", 1));
    fates.completed("done");
    fates.retryScheduled("retried", 2);
    fates.deadLettered("dead");

    assertThat(audit.check(Map.of(MAIN, 3L), index, fates, false)).isEmpty();
    assertThat(audit.recordsChecked()).isEqualTo(3);
  }

  @Test
  void aRetryRecordIsUnfinishedUntilALaterAttemptExists() {
    index.put(RETRY, 0, new TaskRecord("r", 2));
    fates.retryScheduled("r", 2);

    assertThat(audit.check(Map.of(RETRY, 1L), index, fates, false)).hasSize(1);
  }

  @Test
  void eachRecordIsCheckedOnceAsTheCommittedOffsetPassesIt() {
    index.put(MAIN, 0, new TaskRecord("a", 1));
    index.put(MAIN, 1, new TaskRecord("b", 1));
    fates.completed("a");
    fates.completed("b");

    audit.check(Map.of(MAIN, 1L), index, fates, false);
    audit.check(Map.of(MAIN, 2L), index, fates, false);
    audit.check(Map.of(MAIN, 2L), index, fates, false);

    assertThat(audit.recordsChecked()).isEqualTo(2);
  }

  @Test
  void anOffsetNotIndexedYetWaitsForTheNextCheckAndFailsTheLastOne() {
    index.put(MAIN, 0, new TaskRecord("a", 1));
    fates.completed("a");

    assertThat(audit.check(Map.of(MAIN, 2L), index, fates, false)).isEmpty();
    index.put(MAIN, 1, new TaskRecord("b", 1));
    assertThat(audit.check(Map.of(MAIN, 3L), index, fates, true))
        .containsExactly(
            "committed tasks.x-0@3 passes unfinished task b (attempt 1) at offset 1",
            "committed tasks.x-0@3 passes offset 2 where no record is known");
  }
}
