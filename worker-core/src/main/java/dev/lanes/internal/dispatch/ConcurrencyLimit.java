package dev.lanes.internal.dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a lane's batches may run at once, below its pool size while the lane yields to a more
 * important one. Lowering the limit never interrupts a running batch: it only starts fewer.
 * Non-blocking: a batch that finds no permit is queued here and run by the worker that finishes a
 * batch (or started by a raised limit), so no thread parks waiting. A limit of 0 holds every batch,
 * and the lane's poll loops pause its partitions ({@link #holdsFetching()}).
 */
public final class ConcurrencyLimit implements Executor {

  private final Executor pool;
  private final int poolSize;
  // Guarded by this; only batches that found no permit go through the lock.
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  // A permit is a compare-and-set, not a lock: every batch takes one and gives it back, and with
  // one record per batch (KEY order over many keys) two lock round trips per record showed in
  // profiles. Taking a permit and holding a batch each re-check the other's counter after their
  // own write, so a batch is never left held while a permit is free.
  private final AtomicInteger running = new AtomicInteger();
  private volatile int heldCount;
  private volatile int limit;
  private volatile boolean lifted;

  public ConcurrencyLimit(Executor pool, int poolSize) {
    this.pool = pool;
    this.poolSize = poolSize;
    this.limit = poolSize;
  }

  @Override
  public void execute(Runnable batch) {
    if (heldCount == 0 && tryAcquire()) {
      start(batch);
      return;
    }
    synchronized (this) {
      held.add(batch);
      heldCount = held.size();
    }
    startHeld();
  }

  /** Sets how many batches may run; raising it starts held batches at once. Any thread. */
  public void setLimit(int newLimit) {
    if (newLimit < 0 || newLimit > poolSize) {
      throw new IllegalArgumentException(
          "limit must be in 0.." + poolSize + " (the pool size), was " + newLimit);
    }
    limit = newLimit;
    startHeld();
  }

  /** For a stopping lane: every held batch may start (its start gate decides whether it runs). */
  public void lift() {
    lifted = true;
    startHeld();
  }

  public int limit() {
    return limit;
  }

  public int poolSize() {
    return poolSize;
  }

  /** True while the limit is 0: the lane's partitions stay paused, so lag grows instead. */
  public boolean holdsFetching() {
    return limit == 0 && !lifted;
  }

  /** Batches waiting for a permit. */
  public int held() {
    return heldCount;
  }

  /** A batch that wants to know when its thread stops running batches for now. */
  interface RunAware {

    /** The thread ran this batch last before giving its permit back; it may go idle. */
    void runEnded();
  }

  private int effectiveLimit() {
    return lifted ? poolSize : limit;
  }

  private boolean tryAcquire() {
    while (true) {
      int now = running.get();
      if (now >= effectiveLimit()) {
        return false;
      }
      if (running.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private void start(Runnable batch) {
    try {
      pool.execute(() -> runAndRelease(batch));
    } catch (RejectedExecutionException e) {
      running.decrementAndGet();
      throw e;
    }
  }

  private void runAndRelease(Runnable batch) {
    try {
      Runnable current = batch;
      while (current != null) {
        current.run();
        Runnable next = nextHeld();
        if (next == null && current instanceof RunAware aware) {
          aware.runEnded();
        }
        current = next;
      }
    } finally {
      release();
    }
  }

  /**
   * The held batch this thread runs next with the permit it holds, or null. Running it here, on the
   * thread its predecessor just freed, spares a hand-over through the pool's queue and waking
   * another thread for it: with the limit at the pool size, that was the path of nearly every
   * batch.
   */
  private Runnable nextHeld() {
    if (heldCount > 0) {
      synchronized (this) {
        // This thread's permit counts in running: it may go on while the limit still covers it.
        if (!held.isEmpty() && running.get() <= effectiveLimit()) {
          Runnable next = held.poll();
          heldCount = held.size();
          return next;
        }
      }
    }
    return null;
  }

  private void release() {
    running.decrementAndGet();
    if (heldCount > 0) {
      startHeld();
    }
  }

  private void startHeld() {
    while (true) {
      Runnable next;
      synchronized (this) {
        if (held.isEmpty() || !tryAcquire()) {
          return;
        }
        next = held.poll();
        heldCount = held.size();
      }
      try {
        start(next);
      } catch (RejectedExecutionException e) {
        // The pool is shut down past the lane's grace: held batches are abandoned, their offsets
        // uncommitted, so the partition's next owner runs them.
        return;
      }
    }
  }
}
