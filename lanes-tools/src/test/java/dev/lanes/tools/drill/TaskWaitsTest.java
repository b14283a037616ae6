package dev.lanes.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskWaitsTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final Phases PHASES = new Phases(T0, T0 + 30_000, T0 + 60_000, T0 + 90_000);

  private final TaskWaits waits = new TaskWaits();
  private int next;

  @Test
  void p99PerPhaseIsTheNearestRankOfTheTasksProducedInThatPhase() {
    // 100 tasks before the fault: waits 1..100 ms, nearest-rank p99 is the 99th: 99.
    for (int i = 1; i <= 100; i++) {
      task(T0 + i * 100, i);
    }
    // During: a single slow task; its p99 is itself.
    task(T0 + 40_000, 5_000);
    // After: 10 tasks of 20 ms and one of 900 ms; rank ceil(0.99 * 11) = 11 is the slow one.
    for (int i = 0; i < 10; i++) {
      task(T0 + 70_000 + i, 20);
    }
    task(T0 + 80_000, 900);

    WaitFigures figures = waits.figures(PHASES);

    assertThat(figures.p99BeforeMs()).isEqualTo(99);
    assertThat(figures.p99DuringMs()).isEqualTo(5_000);
    assertThat(figures.p99AfterMs()).isEqualTo(900);
  }

  @Test
  void aTaskBelongsToThePhaseItWasProducedInNotTheOneItWasCalledIn() {
    long reach = TaskWaits.FAULT_REACH.toMillis();
    task(PHASES.fault() - reach - 1, 40_000); // produced before the fault's reach, called during it
    task(PHASES.fault() - reach, 7); // on its way when the fault strikes: during
    task(PHASES.heal(), 3); // at the heal: after
    task(PHASES.end(), 1); // at the end: in no phase

    WaitFigures figures = waits.figures(PHASES);

    assertThat(figures.p99BeforeMs()).isEqualTo(40_000);
    assertThat(figures.p99DuringMs()).isEqualTo(7);
    assertThat(figures.p99AfterMs()).isEqualTo(3);
  }

  @Test
  void aPhaseWithoutAFinishedTaskHasNoP99AndNoRecoveryWithoutABefore() {
    waits.produced("never-called", T0 + 100);
    task(T0 + 40_000, 10);

    WaitFigures figures = waits.figures(PHASES);

    assertThat(figures.p99BeforeMs()).isNull();
    assertThat(figures.p99AfterMs()).isNull();
    assertThat(figures.recoverySeconds()).isNull();
  }

  @Test
  void onlyTheFirstCallCountsAndACallForAnUnknownTaskIsIgnored() {
    waits.produced("a", T0);
    waits.produced("a", T0 + 500); // a resend keeps the first time
    waits.called("a", T0 + 20);
    waits.called("a", T0 + 9_000);
    waits.called("stranger", T0 + 1);

    assertThat(waits.figures(PHASES).p99BeforeMs()).isEqualTo(20);
    assertThat(waits.windows(PHASES, Duration.ofSeconds(30)).get(0).tasks()).isEqualTo(1);
  }

  @Test
  void recoveryIsTheStartOfTheFirstWindowBackWithinOneAndAHalfTimesTheP99Before() {
    steady(PHASES.start(), PHASES.fault(), 40);
    // Slow for the first 14 s after the fault, then 60 ms (= 1.5 x 40: still recovered).
    steady(PHASES.fault(), PHASES.fault() + 14_000, 3_000);
    steady(PHASES.fault() + 14_000, PHASES.end(), 60);

    WaitFigures figures = waits.figures(PHASES);

    assertThat(figures.p99BeforeMs()).isEqualTo(40);
    assertThat(figures.recoverySeconds()).isEqualTo(14.0);
  }

  @Test
  void recoveryIsZeroWhenTheFaultNeverHurt() {
    steady(PHASES.start(), PHASES.end(), 40);

    assertThat(waits.figures(PHASES).recoverySeconds()).isEqualTo(0.0);
  }

  @Test
  void noRecoveryWhenNoWindowGetsBackOrTooFewTasksFinish() {
    steady(PHASES.start(), PHASES.fault(), 40);
    steady(PHASES.fault(), PHASES.end(), 61);

    assertThat(waits.figures(PHASES).recoverySeconds()).isNull();

    TaskWaits sparse = new TaskWaits();
    for (long at = PHASES.start(); at < PHASES.end(); at += 2_000) {
      sparse.produced("s" + at, at);
      sparse.called("s" + at, at + 40); // 5 tasks per 10 s window: too few to call it recovered
    }
    assertThat(sparse.figures(PHASES).recoverySeconds()).isNull();
  }

  @Test
  void aWindowWhoseUnfinishedTasksCouldBeItsSlowOnesIsNotRecovered() {
    steady(PHASES.start(), PHASES.fault(), 40);
    // For 20 s from the fault, waits look fine, but one task in ten is not called yet: any of them
    // may be the slow one. The first window with just one unfinished task among its hundred counts.
    for (long at = PHASES.fault(); at < PHASES.fault() + 20_000; at += 100) {
      if ((at / 100) % 10 == 0) {
        waits.produced("u" + at, at);
      } else {
        task(at, 40);
      }
    }
    steady(PHASES.fault() + 20_000, PHASES.end(), 40);

    assertThat(waits.figures(PHASES).recoverySeconds()).isEqualTo(19.0);
  }

  @Test
  void oneUnfinishedTaskAmongHundredsCannotMoveTheP99() {
    steady(PHASES.start(), PHASES.fault(), 40);
    steady(PHASES.fault(), PHASES.end(), 40);
    waits.produced("still-running", PHASES.fault() + 500);

    assertThat(waits.figures(PHASES).recoverySeconds()).isEqualTo(0.0);
  }

  @Test
  void anAbandonedTaskIsNeitherAWaitNorUnfinished() {
    steady(PHASES.start(), PHASES.fault(), 40);
    for (long at = PHASES.fault(); at < PHASES.end(); at += 100) {
      if ((at / 100) % 2 == 0) {
        waits.produced("x" + at, at);
        waits.abandoned("x" + at);
        waits.called("x" + at, at + 50_000);
      } else {
        task(at, 40);
      }
    }

    WaitFigures figures = waits.figures(PHASES);

    assertThat(figures.p99DuringMs()).isEqualTo(40);
    assertThat(figures.recoverySeconds()).isEqualTo(0.0);
  }

  @Test
  void windowsCoverStartToEndConsecutivelyWithTheLastOneCut() {
    Phases phases = new Phases(T0, T0 + 10_000, T0 + 20_000, T0 + 25_000);
    task(T0 + 1, 5);
    task(T0 + 9_999, 30);
    task(T0 + 10_000, 200);
    waits.produced("unfinished", T0 + 12_000);
    task(T0 + 24_999, 8);

    List<WaitWindow> windows = waits.windows(phases, Duration.ofSeconds(10));

    assertThat(windows)
        .containsExactly(
            new WaitWindow(T0, T0 + 10_000, 2, 30L),
            new WaitWindow(T0 + 10_000, T0 + 20_000, 1, 200L),
            new WaitWindow(T0 + 20_000, T0 + 25_000, 1, 8L));
    assertThat(waits.windows(new Phases(T0 + 1, T0 + 1, T0 + 1, T0 + 2), Duration.ofSeconds(10)))
        .containsExactly(new WaitWindow(T0 + 1, T0 + 2, 1, 5L));
  }

  @Test
  void aWindowWidthMustBePositive() {
    assertThatThrownBy(() -> waits.windows(PHASES, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
  }

  @Test
  void holdsAHundredThousandTasks() {
    for (int i = 0; i < 100_000; i++) {
      task(T0 + i, i % 100);
    }
    assertThat(waits.figures(PHASES).p99BeforeMs()).isEqualTo(98);
  }

  /** Ten tasks a second in [from, to), each waiting {@code waitMs}. */
  private void steady(long from, long to, long waitMs) {
    for (long at = from; at < to; at += 100) {
      task(at, waitMs);
    }
  }

  private void task(long producedAt, long waitMs) {
    String id = "r" + (++next);
    waits.produced(id, producedAt);
    waits.called(id, producedAt + waitMs);
  }
}
