package dev.lanes.app.produce;

import java.time.Duration;

/**
 * Counts what the producer's callbacks report, on the producer's I/O thread, for the sending thread
 * to wait on. Keeps the first failure in input order, which is the one to fix first.
 */
final class Acknowledgements {

  private long acknowledged;
  private long failed;
  private long firstFailedIndex = Long.MAX_VALUE;
  private RuntimeException firstFailure;

  synchronized void acknowledged() {
    acknowledged++;
    notifyAll();
  }

  synchronized void failed(long index, RuntimeException failure) {
    failed++;
    if (index < firstFailedIndex) {
      firstFailedIndex = index;
      firstFailure = failure;
    }
    notifyAll();
  }

  synchronized long acknowledgedCount() {
    return acknowledged;
  }

  synchronized long failedCount() {
    return failed;
  }

  synchronized RuntimeException firstFailure() {
    return firstFailure;
  }

  /** Waits until {@code sent} records completed, or {@code atMost} passed; true if they did. */
  synchronized boolean awaitCompleted(long sent, Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (acknowledged + failed < sent) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      wait(Math.max(1, remaining / 1_000_000));
    }
    return true;
  }
}
