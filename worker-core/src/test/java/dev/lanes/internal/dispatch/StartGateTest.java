package dev.lanes.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartGateTest {

  private final StartGate gate = new StartGate();

  @Test
  void anOpenGateLetsEveryBatchStart() {
    assertThat(gate.tryStart(10, 19)).isTrue();
    assertThat(gate.tryStart(0, 9)).isTrue();
    assertThat(gate.tryStart(40, 40)).isTrue();
    assertThat(gate.isClosed()).isFalse();
  }

  @Test
  void aClosedGateLetsOnlyBatchesBeginningAtOrBelowTheHighestStartedOffsetStart() {
    gate.tryStart(0, 9);
    gate.tryStart(20, 29);
    gate.close();

    assertThat(gate.tryStart(10, 19)).as("fills the gap below started work").isTrue();
    assertThat(gate.tryStart(29, 35)).as("begins at the mark").isTrue();
    assertThat(gate.tryStart(30, 39)).as("wholly above started work").isFalse();
    assertThat(gate.isClosed()).isTrue();
  }

  @Test
  void batchesStartedAfterClosingDoNotRaiseTheMark() {
    gate.tryStart(0, 9);
    gate.close();

    assertThat(gate.tryStart(5, 50)).isTrue();
    assertThat(gate.tryStart(10, 12)).isFalse();
  }

  @Test
  void aGateClosedBeforeAnyStartLetsNothingStart() {
    gate.close();

    assertThat(gate.tryStart(0, 0)).isFalse();
  }

  @Test
  void countsTheRecordsLeftUnstarted() {
    gate.leftUnstarted(3);
    gate.leftUnstarted(4);

    assertThat(gate.leftUnstarted()).isEqualTo(7);
  }
}
