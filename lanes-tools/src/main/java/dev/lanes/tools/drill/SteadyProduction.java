package dev.lanes.tools.drill;

import java.time.Duration;

/**
 * The steady producer's thread: every tick it makes {@code perTick} new tasks, then spends the rest
 * of the tick resending failed ones. Ticks run with a fixed delay, so a tick that blocked is not
 * made up in a burst afterwards (a burst would inflate the waits measured after a repair).
 */
final class SteadyProduction {

  private final TaskSends sends;
  private final Runnable makeTask;
  private final int perTick;
  private final Duration tick;
  private final Duration drainTimeout;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile RuntimeException failure;

  SteadyProduction(
      TaskSends sends, Runnable makeTask, int perTick, Duration tick, Duration drainTimeout) {
    this.sends = sends;
    this.makeTask = makeTask;
    this.perTick = perTick;
    this.tick = tick;
    this.drainTimeout = drainTimeout;
    this.thread = new Thread(this::run, "drill-steady-producer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops making tasks; waits up to {@code timeout} for the ones made to settle. */
  void stop(Duration timeout) {
    stopping = true;
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      // Still blocked in a send after the timeout: whatever it has not settled is given up now
      // and counted, and its callbacks count the rest.
      sends.giveUp();
    }
    if (failure != null) {
      throw new IllegalStateException("steady production failed", failure);
    }
  }

  private void run() {
    try {
      while (!stopping) {
        long started = System.nanoTime();
        for (int i = 0; i < perTick && !stopping; i++) {
          makeTask.run();
        }
        sends.resendFailed();
        Duration rest = tick.minusNanos(System.nanoTime() - started);
        if (!rest.isNegative() && !stopping) {
          sends.resendFor(rest);
        }
      }
      if (!sends.awaitSettled(drainTimeout)) {
        sends.giveUp();
      }
    } catch (RuntimeException e) {
      failure = e;
      sends.giveUp();
    }
  }
}
