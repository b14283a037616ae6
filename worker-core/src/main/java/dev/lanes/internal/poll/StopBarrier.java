package dev.lanes.internal.poll;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a lane's poll loops leave the group together. A loop that left first would start a rebalance
 * while the other still drains its in-flight tasks with busy workers; that loop could then miss the
 * rejoin deadline and lose its partitions before committing its finished work.
 */
public final class StopBarrier {

  private final CountDownLatch committed;

  public StopBarrier(int loops) {
    this.committed = new CountDownLatch(loops);
  }

  /** This loop committed (or failed): it no longer holds up the others. */
  void arrive() {
    committed.countDown();
  }

  /** Waits up to {@code step} for every loop to arrive; true when all did. */
  boolean awaitAll(Duration step) throws InterruptedException {
    return committed.await(step.toMillis(), TimeUnit.MILLISECONDS);
  }
}
