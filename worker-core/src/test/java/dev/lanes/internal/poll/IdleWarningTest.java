package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleWarningTest {

  private static final long AFTER = IdleWarning.AFTER.toNanos();

  private final IdleWarning warning = new IdleWarning();

  @Test
  void aLoopThatNeverJoinedIsNotIdle() {
    assertThat(warning.due(10 * AFTER)).isFalse();
  }

  @Test
  void aLoopWithoutPartitionsWarnsOnceAfterTheDelay() {
    warning.assigned(0, 0);

    assertThat(warning.due(AFTER - 1)).isFalse();
    assertThat(warning.due(AFTER)).isTrue();
    assertThat(warning.due(2 * AFTER)).as("once per idle spell").isFalse();
  }

  @Test
  void partitionsArrivingWithinTheDelayCancelTheWarning() {
    // A cooperative rebalance hands a joining member nothing first, its partitions next.
    warning.assigned(0, 0);
    warning.assigned(2, AFTER / 2);

    assertThat(warning.due(2 * AFTER)).isFalse();
  }

  @Test
  void anotherEmptyAssignmentKeepsTheIdleSpellsStart() {
    warning.assigned(0, 0);
    warning.assigned(0, AFTER / 2);

    assertThat(warning.due(AFTER)).isTrue();
  }

  @Test
  void aLoopThatWarnedSaysWhenItGetsPartitionsAndMayWarnAgain() {
    warning.assigned(0, 0);
    warning.due(AFTER);

    assertThat(warning.assigned(3, 2 * AFTER)).as("recovered").isTrue();
    warning.assigned(0, 3 * AFTER);
    assertThat(warning.due(4 * AFTER)).isTrue();
  }
}
