package dev.lanes.internal.priority;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.MetricNames;
import dev.lanes.Priority;
import dev.lanes.internal.dispatch.ConcurrencyLimit;
import dev.lanes.internal.lane.LaneMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The controller's decisions, driven tick by tick: no clock, no sleep. */
class YieldControllerTest {

  private static final int WINDOW = 3;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WaitWindow realtimeWaits = new WaitWindow(WINDOW);
  private final ConcurrencyLimit batchLimit = new ConcurrencyLimit(Runnable::run, 8);
  private final ConcurrencyLimit realtimeLimit = new ConcurrencyLimit(Runnable::run, 4);

  private YieldController controller(int batchFloor) {
    return new YieldController(
        List.of(
            new YieldController.Lane(
                "realtime",
                Priority.HIGH,
                Optional.of(Duration.ofSeconds(2)),
                1,
                realtimeLimit,
                realtimeWaits),
            new YieldController.Lane(
                "batch",
                Priority.LOW,
                Optional.empty(),
                batchFloor,
                batchLimit,
                new WaitWindow(1))),
        WINDOW,
        registry);
  }

  private void tickWithRealtimeWait(YieldController controller, long millis) {
    for (int i = 0; i < 100; i++) {
      realtimeWaits.record(millis);
    }
    controller.tick();
  }

  @Test
  void lowerLaneHalvesOncePerIntervalWhileRealtimeMissesItsObjective() {
    YieldController controller = controller(1);

    tickWithRealtimeWait(controller, 3_400);
    assertThat(batchLimit.limit()).isEqualTo(4);
    tickWithRealtimeWait(controller, 3_400);
    assertThat(batchLimit.limit()).isEqualTo(2);
    assertThat(realtimeLimit.limit()).as("the lane that misses never yields itself").isEqualTo(4);
  }

  @Test
  void shrinkingStopsAtTheFloor() {
    YieldController controller = controller(2);

    for (int i = 0; i < 10; i++) {
      tickWithRealtimeWait(controller, 5_000);
    }

    assertThat(batchLimit.limit()).isEqualTo(2);
    assertThat(batchLimit.holdsFetching()).isFalse();
  }

  @Test
  void floorZeroHoldsFetching() {
    YieldController controller = controller(0);

    for (int i = 0; i < 10; i++) {
      tickWithRealtimeWait(controller, 5_000);
    }

    assertThat(batchLimit.limit()).isZero();
    assertThat(batchLimit.holdsFetching()).isTrue();
  }

  @Test
  void growsBackOnlyAfterTheObjectiveHeldForAWindowThenDoublesPerInterval() {
    YieldController controller = controller(0);
    for (int i = 0; i < 10; i++) {
      tickWithRealtimeWait(controller, 5_000);
    }
    assertThat(batchLimit.limit()).isZero();

    // The bad waits stay in the window for WINDOW - 1 more ticks, then it must hold for WINDOW.
    int ticks = 0;
    while (batchLimit.limit() == 0) {
      tickWithRealtimeWait(controller, 10);
      ticks++;
    }
    assertThat(ticks).isEqualTo(2 * WINDOW - 1);
    assertThat(batchLimit.limit()).isEqualTo(1);
    tickWithRealtimeWait(controller, 10);
    assertThat(batchLimit.limit()).isEqualTo(2);
    tickWithRealtimeWait(controller, 10);
    tickWithRealtimeWait(controller, 10);
    assertThat(batchLimit.limit()).isEqualTo(8);
    tickWithRealtimeWait(controller, 10);
    assertThat(batchLimit.limit()).as("never above the pool size").isEqualTo(8);
  }

  @Test
  void anIdleRealtimeLaneLetsOthersGrowBack() {
    YieldController controller = controller(1);
    tickWithRealtimeWait(controller, 5_000);
    assertThat(batchLimit.limit()).isEqualTo(4);

    for (int i = 0; i < 4 * WINDOW; i++) {
      controller.tick();
    }

    assertThat(batchLimit.limit()).isEqualTo(8);
  }

  @Test
  void waitsCloseToTheObjectiveNeitherShrinkNorGrow() {
    YieldController controller = controller(1);
    tickWithRealtimeWait(controller, 5_000);
    assertThat(batchLimit.limit()).isEqualTo(4);
    // Until the miss leaves the window, it still shrinks.
    for (int i = 0; i < WINDOW; i++) {
      tickWithRealtimeWait(controller, 1_900);
    }
    int settled = batchLimit.limit();

    for (int i = 0; i < 4 * WINDOW; i++) {
      tickWithRealtimeWait(controller, 1_900);
      assertThat(batchLimit.limit()).isEqualTo(settled);
    }
  }

  @Test
  void aLaneWithoutAHigherObjectiveNeverYields() {
    ConcurrencyLimit normal = new ConcurrencyLimit(Runnable::run, 8);
    YieldController controller =
        new YieldController(
            List.of(
                new YieldController.Lane(
                    "a", Priority.NORMAL, Optional.empty(), 1, normal, new WaitWindow(1)),
                new YieldController.Lane(
                    "b", Priority.LOW, Optional.empty(), 1, batchLimit, new WaitWindow(1))),
            WINDOW,
            registry);

    controller.tick();

    assertThat(controller.hasWork()).isFalse();
    assertThat(batchLimit.limit()).isEqualTo(8);
  }

  @Test
  void exportsLimitAndYielding() {
    YieldController controller = controller(1);
    tickWithRealtimeWait(controller, 5_000);

    assertThat(gauge(MetricNames.LANE_CONCURRENCY_LIMIT, "batch")).isEqualTo(4.0);
    assertThat(gauge(MetricNames.LANE_YIELDING, "batch")).isEqualTo(1.0);
    assertThat(gauge(MetricNames.LANE_YIELDING, "realtime")).isEqualTo(0.0);

    controller.close();
    assertThat(registry.find(MetricNames.LANE_YIELDING).gauges()).isEmpty();
  }

  private double gauge(String name, String lane) {
    return registry.get(name).tag(MetricNames.TAG_LANE, lane).gauge().value();
  }

  @Test
  void waitsBehindADependencyCountInTheTimerButDoNotMakeLowerLanesYield() {
    LaneMetrics metrics = new LaneMetrics(registry, "realtime", Set.of(), 3);
    YieldController controller =
        new YieldController(
            List.of(
                new YieldController.Lane(
                    "realtime",
                    Priority.HIGH,
                    Optional.of(Duration.ofSeconds(2)),
                    1,
                    realtimeLimit,
                    metrics.recentWaits()),
                new YieldController.Lane(
                    "batch", Priority.LOW, Optional.empty(), 1, batchLimit, new WaitWindow(1))),
            WINDOW,
            registry);

    for (int tick = 0; tick < 3; tick++) {
      for (int i = 0; i < 100; i++) {
        metrics.taskWaited(4_100, true);
      }
      controller.tick();
    }

    assertThat(batchLimit.limit())
        .as("giving realtime CPU cannot end a wait on its dependency")
        .isEqualTo(8);
    assertThat(registry.get(MetricNames.TASK_WAIT).functionTimer().count())
        .as("the wait still shows in lanes.task.wait")
        .isEqualTo(300);

    metrics.taskWaited(4_100, false);
    controller.tick();
    assertThat(batchLimit.limit()).as("a wait for CPU still makes batch yield").isEqualTo(4);
  }
}
