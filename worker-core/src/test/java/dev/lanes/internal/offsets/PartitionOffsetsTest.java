package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

  private final PartitionOffsets offsets = new PartitionOffsets(4);

  @Test
  void nothingTrackedMeansNothingToCommit() {
    assertThat(offsets.committable()).isEmpty();
  }

  @Test
  void inOrderCompletionsCommitPastTheLastRecord() {
    trackRange(10, 13);
    offsets.finish(10);
    offsets.finish(11);
    offsets.finish(12);

    assertThat(offsets.committable()).hasValue(13);
    assertThat(offsets.window()).isZero();
  }

  @Test
  void slowRecordHoldsTheCommitWhateverFinishesAfterIt() {
    trackRange(0, 100);
    for (long offset = 6; offset < 100; offset++) {
      offsets.finish(offset);
    }
    offsets.finish(0);
    offsets.finish(1);
    offsets.finish(2);
    offsets.finish(3);
    offsets.finish(4);

    assertThat(offsets.committable()).hasValue(5);
    assertThat(offsets.window()).isEqualTo(95);
    assertThat(offsets.unfinished()).isEqualTo(1);

    offsets.finish(5);

    assertThat(offsets.committable()).hasValue(100);
    assertThat(offsets.window()).isZero();
  }

  @Test
  void unfinishedFirstRecordCommitsNothingNew() {
    trackRange(0, 3);
    offsets.finish(1);
    offsets.finish(2);

    assertThat(offsets.committable()).hasValue(0);
    offsets.committed(0);
    assertThat(offsets.committable()).isEmpty();
  }

  @Test
  void gapsInOffsetsAreSkipped() {
    offsets.track(5);
    offsets.track(7); // 6 was a transaction marker or compacted away
    offsets.track(10);

    offsets.finish(7);
    assertThat(offsets.committable()).hasValue(5);

    offsets.finish(5);
    assertThat(offsets.committable()).hasValue(10);

    offsets.finish(10);
    assertThat(offsets.committable()).hasValue(11);
  }

  @Test
  void committedOffsetIsNotOfferedAgain() {
    trackRange(0, 2);
    offsets.finish(0);
    offsets.finish(1);
    offsets.committed(2);

    assertThat(offsets.committable()).isEmpty();

    offsets.track(2);
    offsets.finish(2);
    assertThat(offsets.committable()).hasValue(3);
  }

  @Test
  void windowGrowsBeyondInitialCapacityAndWrapsAround() {
    // Advance the head so the ring wraps, then hold it with an unfinished record and overfill it.
    trackRange(0, 3);
    offsets.finish(0);
    offsets.finish(1);
    offsets.finish(2);
    trackRange(3, 40);
    for (long offset = 4; offset < 40; offset++) {
      offsets.finish(offset);
    }
    assertThat(offsets.committable()).hasValue(3);
    assertThat(offsets.window()).isEqualTo(37);

    offsets.finish(3);
    assertThat(offsets.committable()).hasValue(40);
  }

  @Test
  void randomCompletionOrderNeverCommitsPastAnUnfinishedOffset() {
    Random random = new Random(42);
    List<Long> pending = new ArrayList<>();
    long next = 0;
    for (int round = 0; round < 200; round++) {
      int batch = random.nextInt(20);
      for (int i = 0; i < batch; i++) {
        next += 1 + random.nextInt(3); // gaps of up to two offsets
        offsets.track(next);
        pending.add(next);
      }
      Collections.shuffle(pending, random);
      int toFinish = pending.isEmpty() ? 0 : random.nextInt(pending.size() + 1);
      for (int i = 0; i < toFinish; i++) {
        offsets.finish(pending.remove(pending.size() - 1));
      }
      OptionalLong committable = offsets.committable();
      long lowestPending = pending.stream().mapToLong(Long::longValue).min().orElse(next + 1);
      if (committable.isPresent()) {
        assertThat(committable.getAsLong()).isEqualTo(lowestPending);
        offsets.committed(committable.getAsLong());
      }
      assertThat(offsets.unfinished()).isEqualTo(pending.size());
    }
  }

  @Test
  void trackingBackwardsIsRejected() {
    offsets.track(5);
    assertThatThrownBy(() -> offsets.track(5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("offset 5 tracked out of order");
  }

  @Test
  void finishingAnUntrackedOrFinishedOffsetIsRejected() {
    offsets.track(1);
    offsets.track(2);
    offsets.finish(2);

    assertThatThrownBy(() -> offsets.finish(3)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> offsets.finish(2)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rewindGoesBackToTheFirstUnfinishedAndSkipsWhatFinishedAfterIt() {
    trackRange(10, 16);
    offsets.finish(10);
    offsets.finish(12);
    offsets.finish(14);

    assertThat(offsets.rewind()).hasValue(11);
    assertThat(offsets.window()).isZero();
    assertThat(offsets.committable()).hasValue(11);
    assertThat(offsets.replaying()).isTrue();

    List<Long> toRun = new ArrayList<>();
    for (long offset = 11; offset < 18; offset++) {
      if (!offsets.trackReplayed(offset)) {
        toRun.add(offset);
      }
    }

    assertThat(toRun).containsExactly(11L, 13L, 15L, 16L, 17L);
    assertThat(offsets.replaying()).isFalse();
    offsets.finish(11);
    offsets.finish(13);
    assertThat(offsets.committable()).hasValue(15);
  }

  @Test
  void rewindWithNothingUnfinishedChangesNothing() {
    trackRange(0, 3);
    offsets.finish(0);
    offsets.finish(1);
    offsets.finish(2);

    assertThat(offsets.rewind()).isEmpty();
    assertThat(offsets.committable()).hasValue(3);
    assertThat(offsets.replaying()).isFalse();
  }

  @Test
  void aFinishedRunCommitsOnlyUpToTheFirstUnfinishedRecordBeforeIt() {
    trackRange(0, 200);
    offsets.finishRun(64, 127, 64);
    assertThat(offsets.committable()).hasValue(0);
    assertThat(offsets.unfinished()).isEqualTo(136);

    offsets.finishRun(0, 63, 64);
    assertThat(offsets.committable()).hasValue(128);
    assertThat(offsets.window()).isEqualTo(72);
  }

  @Test
  void aRunPassesOverGapsAndRecordsThatFinishedBeforeARewind() {
    offsets.track(5);
    offsets.track(7); // 6 was a transaction marker or compacted away
    offsets.track(8);
    offsets.track(10);
    offsets.finish(8);
    offsets.rewind();
    assertThat(offsets.trackReplayed(5)).isFalse();
    assertThat(offsets.trackReplayed(7)).isFalse();
    assertThat(offsets.trackReplayed(8)).as("finished before the rewind").isTrue();
    assertThat(offsets.trackReplayed(10)).isFalse();

    offsets.finishRun(5, 10, 3);

    assertThat(offsets.committable()).hasValue(11);
    assertThat(offsets.unfinished()).isZero();
  }

  @Test
  void aRunStopsAtItsLastOffsetAndLeavesARecordOutForForwardingOpen() {
    trackRange(0, 10);
    offsets.finishRun(0, 3, 4);
    // 4 went to a retry topic: its acknowledgement finishes it later.
    offsets.finishRun(5, 8, 4);

    assertThat(offsets.committable()).hasValue(4);
    assertThat(offsets.unfinished()).isEqualTo(2);
    offsets.finish(4);
    assertThat(offsets.committable()).hasValue(9);
  }

  @Test
  void aRunThatHoldsAnotherBatchsRecordsIsABug() {
    trackRange(0, 10);
    assertThatThrownBy(() -> offsets.finishRun(0, 5, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0..5 held 6 unfinished offsets, expected 4");
    assertThatThrownBy(() -> offsets.finishRun(20, 25, 6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("offset 20 is not an unfinished offset");
  }

  private void trackRange(long fromInclusive, long toExclusive) {
    for (long offset = fromInclusive; offset < toExclusive; offset++) {
      offsets.track(offset);
    }
  }

  @Test
  void theOldestUnfinishedTimestampFollowsTheHeadAndSurvivesARewind() {
    PartitionOffsets offsets = new PartitionOffsets(4);
    assertThat(offsets.oldestUnfinishedTimestamp()).isEqualTo(-1);
    offsets.track(10, 1_000);
    offsets.track(11, 2_000);
    offsets.track(12, 3_000);

    offsets.finish(11);
    assertThat(offsets.oldestUnfinishedTimestamp()).isEqualTo(1_000);
    offsets.finish(10);
    assertThat(offsets.oldestUnfinishedTimestamp()).isEqualTo(3_000);

    offsets.rewind();
    assertThat(offsets.oldestUnfinishedTimestamp())
        .as("rewound: offset 12 is not fetched again yet")
        .isEqualTo(3_000);
    offsets.trackReplayed(12, 3_000);
    offsets.finish(12);
    assertThat(offsets.oldestUnfinishedTimestamp()).isEqualTo(-1);
  }
}
