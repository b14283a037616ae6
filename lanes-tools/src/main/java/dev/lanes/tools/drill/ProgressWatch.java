package dev.lanes.tools.drill;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Watches a count of done tasks while tasks keep arriving and remembers the longest time it stood
 * still: how long the lane as a whole stalled, e.g. while the group rebalanced.
 */
final class ProgressWatch implements AutoCloseable {

  private static final Duration EVERY = Duration.ofMillis(500);

  private final IntSupplier done;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private int lastDone = -1;
  private long lastProgressNanos = System.nanoTime();
  private long longestStallNanos;

  ProgressWatch(IntSupplier done) {
    this.done = done;
    timer.scheduleAtFixedRate(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized Duration longestStall() {
    return Duration.ofNanos(longestStallNanos);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private synchronized void sample() {
    int now = done.getAsInt();
    long at = System.nanoTime();
    if (now > lastDone) {
      lastDone = now;
      lastProgressNanos = at;
    } else {
      longestStallNanos = Math.max(longestStallNanos, at - lastProgressNanos);
    }
  }
}
