package dev.lanes.internal.dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * How many of a lane's batches may run at once, below its pool size while the lane yields to a more
 * important one. Lowering the limit never interrupts a running batch: it only starts fewer.
 * Non-blocking: a batch that finds no permit is queued here and started by the worker that releases
 * one (or by a raised limit), so no thread parks waiting. A limit of 0 holds every batch, and the
 * lane's poll loops pause its partitions ({@link #holdsFetching()}).
 */
public final class ConcurrencyLimit implements Executor {

  private final Executor pool;
  private final int poolSize;
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private int running;
  private volatile int limit;
  private volatile boolean lifted;

  public ConcurrencyLimit(Executor pool, int poolSize) {
    this.pool = pool;
    this.poolSize = poolSize;
    this.limit = poolSize;
  }

  @Override
  public void execute(Runnable batch) {
    synchronized (this) {
      if (running >= effectiveLimit()) {
        held.add(batch);
        return;
      }
      running++;
    }
    start(batch);
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
  public synchronized int held() {
    return held.size();
  }

  private int effectiveLimit() {
    return lifted ? poolSize : limit;
  }

  private void start(Runnable batch) {
    try {
      pool.execute(() -> runAndRelease(batch));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        running--;
      }
      throw e;
    }
  }

  private void runAndRelease(Runnable batch) {
    try {
      batch.run();
    } finally {
      synchronized (this) {
        running--;
      }
      startHeld();
    }
  }

  private void startHeld() {
    while (true) {
      Runnable next;
      synchronized (this) {
        if (held.isEmpty() || running >= effectiveLimit()) {
          return;
        }
        next = held.poll();
        running++;
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
