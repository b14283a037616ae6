package dev.lanes.internal.priority;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitTallyTest {

  @Test
  void publishedTallyCountsEveryWaitInItsBucketLikeRecordingEachOne() {
    WaitWindow direct = new WaitWindow(1);
    WaitWindow tallied = new WaitWindow(1);
    WaitTally tally = new WaitTally(tallied);
    long[] waits = {1, 2, 4, 4, 7, 3, 9_000, 12, 12, -3};
    for (int round = 0; round < 20; round++) {
      for (long wait : waits) {
        direct.record(wait);
        tally.record(wait);
      }
    }
    tally.publish();
    direct.roll();
    tallied.roll();

    assertThat(tallied.p99Millis()).isEqualTo(direct.p99Millis()).isEqualTo(9_000);
  }

  @Test
  void waitsReachTheWindowOnlyWhenTheTallyIsPublished() {
    WaitWindow window = new WaitWindow(1);
    WaitTally tally = new WaitTally(window);
    tally.record(40);
    window.roll();
    assertThat(window.p99Millis()).isEqualTo(-1);

    tally.record(40);
    tally.publish();
    tally.publish();
    window.roll();
    assertThat(window.p99Millis()).as("one wait, published once").isEqualTo(40);
  }

  @Test
  void theLongestWaitOfARunIsTheWindowsMaximum() {
    WaitWindow window = new WaitWindow(1);
    WaitTally tally = new WaitTally(window);
    tally.record(60_000);
    tally.record(70_000);
    tally.publish();
    window.roll();

    assertThat(window.p99Millis()).isEqualTo(70_000);
  }
}
