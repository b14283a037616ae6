package dev.lanes.internal.priority;

import dev.lanes.MetricNames;
import dev.lanes.Priority;
import dev.lanes.internal.dispatch.ConcurrencyLimit;
import dev.lanes.internal.priority.YieldStep.Verdict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the lanes of one process yield to more important ones: once per interval it reads each
 * objective lane's recent wait p99 and moves every lower-priority lane's concurrency limit one step
 * ({@link YieldStep}). Ticks run on one daemon thread; {@link #tick()} is the whole decision, so
 * tests drive it by hand, with no clock and no sleep.
 */
public final class YieldController implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(YieldController.class);

  /** Intervals in a window: how far back the wait p99 looks, and how long it must hold to grow. */
  public static final int WINDOW_TICKS = 5;

  /** Met, but within this fraction of the objective: hold, neither shrink nor grow. */
  private static final double CLOSE_FRACTION = 0.8;

  /** One lane as the controller sees it. */
  public record Lane(
      String name,
      Priority priority,
      Optional<Duration> maxWait,
      int floor,
      ConcurrencyLimit limit,
      WaitWindow waits) {}

  private final List<Lane> lanes;
  private final YieldStep[] steps;
  private final int windowTicks;
  private final MeterRegistry registry;
  private final List<Meter> gauges = new ArrayList<>();
  private ScheduledExecutorService ticker;

  /**
   * @param windowTicks intervals the objective must hold before lanes grow back
   */
  public YieldController(List<Lane> lanes, int windowTicks, MeterRegistry registry) {
    this.lanes = List.copyOf(lanes);
    this.windowTicks = windowTicks;
    this.registry = registry;
    this.steps = new YieldStep[lanes.size()];
    for (int i = 0; i < steps.length; i++) {
      Lane lane = this.lanes.get(i);
      steps[i] = YieldStep.start(lane.limit().poolSize());
      ConcurrencyLimit limit = lane.limit();
      gauges.add(
          Gauge.builder(MetricNames.LANE_CONCURRENCY_LIMIT, limit, ConcurrencyLimit::limit)
              .description("Tasks the lane may run at once; below its threads while it yields")
              .tag(MetricNames.TAG_LANE, lane.name())
              .register(registry));
      gauges.add(
          Gauge.builder(
                  MetricNames.LANE_YIELDING, limit, each -> each.limit() < each.poolSize() ? 1 : 0)
              .description("1 while the lane yields to a more important lane")
              .tag(MetricNames.TAG_LANE, lane.name())
              .register(registry));
    }
  }

  /** True when some lane has an objective and a lane below it could yield. */
  public boolean hasWork() {
    for (Lane lane : lanes) {
      if (!objectivesAbove(lane).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Ticks every {@code interval} on a daemon thread, if any lane can yield. */
  public synchronized void start(Duration interval) {
    if (!hasWork() || ticker != null) {
      return;
    }
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lanes-yield-controller");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    ticker.scheduleAtFixedRate(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One interval: roll the windows, judge the objectives, move each yielding lane one step. */
  public void tick() {
    for (Lane lane : lanes) {
      lane.waits().roll();
    }
    long[] p99 = new long[lanes.size()];
    for (int i = 0; i < p99.length; i++) {
      p99[i] = lanes.get(i).maxWait().isPresent() ? lanes.get(i).waits().p99Millis() : -1;
    }
    for (int i = 0; i < steps.length; i++) {
      Lane lane = lanes.get(i);
      List<Integer> above = objectivesAbove(lane);
      if (above.isEmpty()) {
        continue;
      }
      int worst = worstOf(above, p99);
      Lane important = lanes.get(worst);
      long objective = important.maxWait().orElseThrow().toMillis();
      Verdict verdict = verdict(p99[worst], objective);
      YieldStep before = steps[i];
      int poolSize = lane.limit().poolSize();
      YieldStep after = before.next(verdict, poolSize, lane.floor(), windowTicks);
      steps[i] = after;
      if (after.limit() != before.limit()) {
        lane.limit().setLimit(after.limit());
        logChange(lane, important, before.limit(), after.limit(), p99[worst], objective);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    gauges.forEach(registry::remove);
    gauges.clear();
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      // A tick that failed must not end the ticking: the next one starts from fresh windows.
      log.error("yield controller tick failed", e);
    }
  }

  private List<Integer> objectivesAbove(Lane lane) {
    List<Integer> above = new ArrayList<>();
    for (int j = 0; j < lanes.size(); j++) {
      Lane other = lanes.get(j);
      if (other.maxWait().isPresent() && other.priority().outranks(lane.priority())) {
        above.add(j);
      }
    }
    return above;
  }

  /** The lane that is furthest past (or closest to) its objective. */
  private int worstOf(List<Integer> above, long[] p99) {
    int worst = above.get(0);
    double worstRatio = -1;
    for (int j : above) {
      double ratio = (double) p99[j] / lanes.get(j).maxWait().orElseThrow().toMillis();
      if (ratio > worstRatio) {
        worst = j;
        worstRatio = ratio;
      }
    }
    return worst;
  }

  static Verdict verdict(long p99Millis, long objectiveMillis) {
    if (p99Millis > objectiveMillis) {
      return Verdict.MISSED;
    }
    return p99Millis > objectiveMillis * CLOSE_FRACTION ? Verdict.CLOSE : Verdict.HELD;
  }

  private static void logChange(
      Lane lane, Lane important, int from, int to, long p99Millis, long objectiveMillis) {
    String wait =
        p99Millis < 0
            ? "idle"
            : "wait p99 "
                + seconds(p99Millis)
                + (p99Millis > objectiveMillis ? " > " : " <= ")
                + seconds(objectiveMillis);
    if (to < from) {
      log.warn(
          "lane {} yields to {}: concurrency {} -> {}, {} {}",
          lane.name(),
          important.name(),
          from,
          to,
          important.name(),
          wait);
    } else {
      log.info(
          "lane {} grows back: concurrency {} -> {}, {} {}",
          lane.name(),
          from,
          to,
          important.name(),
          wait);
    }
  }

  private static String seconds(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0).replace(".0 s", " s");
  }
}
