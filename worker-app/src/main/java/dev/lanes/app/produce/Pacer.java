package dev.lanes.app.produce;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces sends to a rate by sleeping until each record's turn: record {@code i} goes at {@code
 * start + i / rate}. Turns are fixed from the start, so a late send (a slow {@code send}, a coarse
 * sleep) is made up by the next ones and the average rate holds.
 */
final class Pacer {

  /** Sleeps for the given nanoseconds; tests pass one that advances a fake clock. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final double nanosPerRecord;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long start;
  private boolean started;

  private Pacer(double nanosPerRecord, LongSupplier nanoTime, Sleeper sleeper) {
    this.nanosPerRecord = nanosPerRecord;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  static Pacer unlimited() {
    return new Pacer(0, System::nanoTime, nanos -> {});
  }

  static Pacer perSecond(double rate) {
    return perSecond(rate, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  static Pacer perSecond(double rate, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate must be a positive number, was " + rate);
    }
    return new Pacer(TimeUnit.SECONDS.toNanos(1) / rate, nanoTime, sleeper);
  }

  /** Returns when record {@code index} (from 0) may be sent. */
  void awaitTurn(long index) throws InterruptedException {
    if (nanosPerRecord == 0) {
      return;
    }
    if (!started) {
      start = nanoTime.getAsLong();
      started = true;
    }
    long wait = start + (long) (index * nanosPerRecord) - nanoTime.getAsLong();
    if (wait > 0) {
      sleeper.sleep(wait);
    }
  }
}
