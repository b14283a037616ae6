package dev.lanes.internal.lane;

import dev.lanes.LaneHealth;
import dev.lanes.LaneState;
import dev.lanes.internal.dispatch.ConcurrencyLimit;
import dev.lanes.internal.poll.PartitionSnapshot;
import dev.lanes.internal.poll.PollLoop;
import dev.lanes.internal.priority.WaitWindow;
import java.time.Duration;
import java.util.List;

/**
 * One lane at work: its bounded pool of worker threads (the bulkhead), {@code pollers} poll loops
 * for its main topic (members of the lane's group) and one for its retry topics (in the retry
 * group) feeding that pool, and the producer that forwards failed records to retry and dead-letter
 * topics. Failed records count as finished only once the broker has them. Built by {@link
 * LaneAssembly}.
 */
public final class LaneWorker {

  private final String laneName;
  private final List<PollLoop> loops;
  private final LaneShutdown shutdown;
  private final ConcurrencyLimit limit;
  private final WaitWindow recentWaits;

  LaneWorker(
      String laneName,
      List<PollLoop> loops,
      LaneShutdown shutdown,
      ConcurrencyLimit limit,
      WaitWindow recentWaits) {
    this.laneName = laneName;
    this.loops = List.copyOf(loops);
    this.shutdown = shutdown;
    this.limit = limit;
    this.recentWaits = recentWaits;
  }

  /** How many of the lane's batches may run at once; the yield controller moves it. */
  public ConcurrencyLimit concurrencyLimit() {
    return limit;
  }

  /** The lane's recent task waits, by which the yield controller judges its objective. */
  public WaitWindow recentWaits() {
    return recentWaits;
  }

  public String name() {
    return laneName;
  }

  /** The lane's state: FAILED if any loop failed, otherwise the least advanced loop's. */
  public LaneState state() {
    return stateOf(loops);
  }

  static LaneState stateOf(List<PollLoop> loops) {
    LaneState state = LaneState.STOPPED;
    for (PollLoop loop : loops) {
      LaneState each = loop.state();
      if (each == LaneState.FAILED) {
        return LaneState.FAILED;
      }
      if (each.ordinal() < state.ordinal()) {
        state = each;
      }
    }
    return state;
  }

  /** A snapshot for health endpoints; safe from any thread. */
  public LaneHealth health() {
    long sincePoll = 0;
    boolean joined = true;
    int assigned = 0;
    long lag = 0;
    long lagActive = 0;
    int inFlight = 0;
    for (PollLoop loop : loops) {
      sincePoll = Math.max(sincePoll, loop.nanosSinceLastPoll() / 1_000_000);
      joined &= loop.joined();
      assigned += loop.assignedPartitions();
      lag += loop.lag();
      lagActive += loop.lagExcludingPaused();
      inFlight += loop.inFlight();
    }
    return new LaneHealth(laneName, state(), sincePoll, joined, assigned, lag, lagActive, inFlight);
  }

  /** The lane's partitions and their pauses, over all its loops, as last seen by each. */
  public PartitionSnapshot partitions() {
    return PartitionSnapshot.merge(loops.stream().map(PollLoop::partitionSnapshot).toList());
  }

  public void start() {
    shutdown.started(loops);
    loops.forEach(PollLoop::start);
  }

  /** Releases a lane that was never started. */
  public void discard() {
    loops.forEach(PollLoop::discard);
    shutdown.release();
  }

  /**
   * Asks the lane to stop: it stops fetching, finishes in-flight work within the grace, commits.
   */
  public void requestStop() {
    // Batches held back by a yield start now, so the stop does not wait on them for its grace;
    // each partition's start gate still leaves those above started work to the next owner.
    limit.lift();
    loops.forEach(PollLoop::requestStop);
  }

  /**
   * Stops like a crash would as far as offsets go: nothing more is committed, in-flight work is
   * abandoned, and the group sees the member leave. For tests of at-least-once delivery.
   */
  public void halt() {
    shutdown.halted();
    loops.forEach(PollLoop::halt);
  }

  /** Waits for the lane to stop; returns false when it did not within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    // Real time: this waits for the loops' threads.
    long deadline = System.nanoTime() + timeout.toNanos();
    for (PollLoop loop : loops) {
      if (!loop.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }
}
