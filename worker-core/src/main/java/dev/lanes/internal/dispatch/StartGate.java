package dev.lanes.internal.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which batches of a partition may still start once the worker stops. Until then every batch
 * starts, and the gate remembers the highest offset a started batch covers. Once closed, a batch
 * starts only if it begins at or below that offset: it fills a gap below work already started, so
 * the final commit can reach past that work and nothing finished runs again on the next owner.
 * Batches wholly above it are left unstarted, uncommitted, for the next owner. A graceful stop then
 * waits for the tasks that are running, not for everything the consumer had polled.
 *
 * <p>Losing a race here never loses a task: commits still cover only finished offsets. It can only
 * make the next owner run a finished task again.
 */
public final class StartGate {

  private static final long CLOSED = 1L;

  // (highest started offset + 1) << 1, low bit set once closed: one atomic for both, so no batch
  // can move the mark after the gate closed.
  private final AtomicLong state = new AtomicLong();
  private final AtomicLong leftUnstarted = new AtomicLong();

  /** Whether a batch covering {@code firstOffset..lastOffset} may start; records it if so. */
  boolean tryStart(long firstOffset, long lastOffset) {
    while (true) {
      long current = state.get();
      long highest = (current >>> 1) - 1;
      if ((current & CLOSED) != 0) {
        return firstOffset <= highest;
      }
      if (lastOffset <= highest || state.compareAndSet(current, (lastOffset + 1) << 1)) {
        return true;
      }
    }
  }

  /** From now on only batches that begin at or below the highest started offset may start. */
  public void close() {
    state.getAndUpdate(current -> current | CLOSED);
  }

  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /** Counts records of a batch the gate refused: left, uncommitted, to the next owner. */
  void leftUnstarted(int records) {
    leftUnstarted.addAndGet(records);
  }

  public long leftUnstarted() {
    return leftUnstarted.get();
  }
}
