package dev.lanes.internal.priority;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitWindowTest {

  @Test
  void p99IsTheBucketEdgeAboveNinetyNinePercentOfWaits() {
    WaitWindow window = new WaitWindow(2);
    for (int i = 0; i < 99; i++) {
      window.record(10);
    }
    window.record(9_000);
    window.roll();

    assertThat(window.p99Millis()).isEqualTo(15);
  }

  @Test
  void waitsLeaveTheWindowAfterItsTicks() {
    WaitWindow window = new WaitWindow(2);
    window.record(3_000);
    window.roll();
    assertThat(window.p99Millis()).isEqualTo(3_000);
    window.roll();
    assertThat(window.p99Millis()).isEqualTo(3_000);
    window.roll();
    assertThat(window.p99Millis()).isEqualTo(-1);
  }

  @Test
  void waitsBeyondTheBucketsReportTheLargestSeen() {
    WaitWindow window = new WaitWindow(1);
    window.record(60_000);
    window.record(-5);
    window.roll();

    assertThat(window.p99Millis()).isEqualTo(60_000);
  }
}
