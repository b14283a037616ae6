package dev.lanes.tools.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each realtime task waited: from the moment the producer handed it to Kafka to the
 * dependency's first call for it. Thread-safe; bounded by the number of tasks a drill produces.
 *
 * <p>A task never called has no wait: it is lost, dead-lettered without a call or still running,
 * and the drill report counts those. It is left out of every p99, but a recovery window counts it
 * as if it were slower than any finished task (see {@link #figures}).
 */
final class TaskWaits {

  /**
   * A task produced this shortly before the fault is still on its way when the fault strikes (in
   * the producer's batch, or polled by a worker about to be killed): it counts as a task of the
   * fault, not of the steady state before it. A zone-loss run without this margin had its "before"
   * p99 at 1.7 s where the steady state was 0.2 s: the tasks of the last moment waited for the
   * killed workers' session to expire.
   */
  static final Duration FAULT_REACH = Duration.ofSeconds(2);

  private static final Duration RECOVERY_WINDOW = Duration.ofSeconds(10);
  private static final Duration RECOVERY_STEP = Duration.ofSeconds(1);
  private static final double RECOVERED_FACTOR = 1.5;
  private static final int RECOVERY_MIN_TASKS = 10;
  private static final long NOT_CALLED = -1;
  private static final long ABANDONED = -2;

  // Two primitive columns indexed through one map: a drill makes ~100k tasks, and a call is a
  // lookup and a store, no allocation.
  private final Map<String, Integer> slots = new HashMap<>();
  private long[] producedAt = new long[1024];
  private long[] calledAt = new long[1024];
  private int size;

  /**
   * The producer is handing task {@code id} to Kafka now ({@code epochMillis}). A resend of the
   * same task keeps the first time: the wait a user sees starts there.
   */
  synchronized void produced(String id, long epochMillis) {
    if (slots.containsKey(id)) {
      return;
    }
    if (size == producedAt.length) {
      producedAt = Arrays.copyOf(producedAt, size * 2);
      calledAt = Arrays.copyOf(calledAt, size * 2);
    }
    producedAt[size] = epochMillis;
    calledAt[size] = NOT_CALLED;
    slots.put(id, size++);
  }

  /** The dependency got a call for {@code id}; only the first call counts. */
  synchronized void called(String id, long epochMillis) {
    Integer slot = slots.get(id);
    if (slot != null && calledAt[slot] == NOT_CALLED) {
      calledAt[slot] = epochMillis;
    }
  }

  /**
   * The producer gave up on {@code id} (never acknowledged; it reports those): not a wait, and not
   * an unfinished task that would hold a recovery window back.
   */
  synchronized void abandoned(String id) {
    Integer slot = slots.get(id);
    if (slot != null) {
      calledAt[slot] = ABANDONED;
    }
  }

  /**
   * The scenario's figures: p99 per phase (nearest rank, by the phase a task was produced in; the
   * fault's phase begins {@link #FAULT_REACH} before the fault itself) and the recovery time: from
   * the fault to the start of the first 10 s window (starting at the fault, sliding by 1 s, ending
   * no later than {@code phases.end()}) with at least 10 finished tasks whose p99 is within 1.5
   * times the p99 before the fault. A task of the window not called yet counts as slower than any
   * finished one: the window is recovered only if its p99 stays within bound however slow those
   * turn out to be (one unfinished task among more than a hundred cannot move a p99; one among ten
   * can, and then the window does not count).
   */
  WaitFigures figures(Phases phases) {
    Snapshot tasks = snapshot();
    long faultReach = Math.max(phases.start(), phases.fault() - FAULT_REACH.toMillis());
    Long before = tasks.stats(phases.start(), faultReach).p99();
    Long during = tasks.stats(faultReach, phases.heal()).p99();
    Long after = tasks.stats(phases.heal(), phases.end()).p99();
    return new WaitFigures(before, during, after, recoverySeconds(tasks, phases, before));
  }

  /**
   * Consecutive windows of {@code width} from {@code phases.start()} to {@code phases.end()} (the
   * last one cut at the end); {@code tasks} counts the finished tasks, those the p99 is of.
   */
  List<WaitWindow> windows(Phases phases, Duration width) {
    if (width.isNegative() || width.isZero()) {
      throw new IllegalArgumentException("window width must be positive, was " + width);
    }
    Snapshot tasks = snapshot();
    List<WaitWindow> windows = new ArrayList<>();
    for (long from = phases.start(); from < phases.end(); from += width.toMillis()) {
      long to = Math.min(from + width.toMillis(), phases.end());
      WindowStats stats = tasks.stats(from, to);
      windows.add(new WaitWindow(from, to, stats.finished(), stats.p99()));
    }
    return windows;
  }

  private static Double recoverySeconds(Snapshot tasks, Phases phases, Long before) {
    if (before == null) {
      return null;
    }
    long bound = (long) Math.floor(before * RECOVERED_FACTOR);
    for (long from = phases.fault();
        from + RECOVERY_WINDOW.toMillis() <= phases.end();
        from += RECOVERY_STEP.toMillis()) {
      WindowStats stats = tasks.stats(from, from + RECOVERY_WINDOW.toMillis());
      Long p99 = stats.p99CountingUnfinishedAsSlowest();
      if (stats.finished() >= RECOVERY_MIN_TASKS && p99 != null && p99 <= bound) {
        return (from - phases.fault()) / 1000.0;
      }
    }
    return null;
  }

  /** Copies the tasks sorted by produce time, so each window is two binary searches. */
  private synchronized Snapshot snapshot() {
    long first = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      first = Math.min(first, producedAt[i]);
    }
    // Sort (produce time, slot) pairs as packed longs: no boxing for 100k tasks. 32 bits of
    // milliseconds since the first task are 49 days; 31 bits of slot are more tasks than a map
    // holds.
    long[] packed = new long[size];
    for (int i = 0; i < size; i++) {
      packed[i] = ((producedAt[i] - first) << 31) | i;
    }
    Arrays.sort(packed);
    long[] times = new long[size];
    long[] waits = new long[size];
    for (int i = 0; i < size; i++) {
      int slot = (int) (packed[i] & Integer.MAX_VALUE);
      times[i] = producedAt[slot];
      long called = calledAt[slot];
      waits[i] = called < 0 ? called : Math.max(0, called - producedAt[slot]);
    }
    return new Snapshot(times, waits);
  }

  /** Produce times ascending, and each task's wait (or NOT_CALLED / ABANDONED). */
  private record Snapshot(long[] times, long[] waits) {

    WindowStats stats(long from, long to) {
      int lo = firstAtOrAfter(from);
      int hi = firstAtOrAfter(to);
      long[] finished = new long[Math.max(0, hi - lo)];
      int count = 0;
      int unfinished = 0;
      for (int i = lo; i < hi; i++) {
        if (waits[i] >= 0) {
          finished[count++] = waits[i];
        } else if (waits[i] == NOT_CALLED) {
          unfinished++;
        }
      }
      long[] sorted = Arrays.copyOf(finished, count);
      Arrays.sort(sorted);
      return new WindowStats(sorted, unfinished);
    }

    private int firstAtOrAfter(long time) {
      int lo = 0;
      int hi = times.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] < time) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** A window's finished waits, ascending, and how many of its tasks were not called yet. */
  private record WindowStats(long[] sortedWaits, int unfinished) {

    int finished() {
      return sortedWaits.length;
    }

    /** Nearest-rank p99 of the finished tasks; null when none finished. */
    Long p99() {
      return sortedWaits.length == 0 ? null : sortedWaits[nearestRank99(sortedWaits.length) - 1];
    }

    /** The p99 with every unfinished task ranked above all finished ones; null if it is one. */
    Long p99CountingUnfinishedAsSlowest() {
      int rank = nearestRank99(sortedWaits.length + unfinished);
      return rank == 0 || rank > sortedWaits.length ? null : sortedWaits[rank - 1];
    }

    private static int nearestRank99(int n) {
      return (99 * n + 99) / 100;
    }
  }
}
