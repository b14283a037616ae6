package dev.lanes.internal.forward;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a failed forward's resend after a pause, so no worker sleeps. The runtime uses one daemon
 * thread per lane ({@link #daemonThread}); unit tests run resends by hand instead of waiting.
 */
public interface ResendTimer {

  /**
   * Runs {@code resend} after {@code delayMillis}.
   *
   * @throws RejectedExecutionException once the timer was closed
   */
  void schedule(Runnable resend, long delayMillis);

  /** Drops resends not yet due; later schedules are rejected. */
  void close();

  static ResendTimer daemonThread(String laneName) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lanes-" + laneName + "-forward-resend");
              thread.setDaemon(true);
              return thread;
            });
    return new ResendTimer() {
      @Override
      public void schedule(Runnable resend, long delayMillis) {
        timer.schedule(resend, delayMillis, TimeUnit.MILLISECONDS);
      }

      @Override
      public void close() {
        timer.shutdownNow();
      }
    };
  }
}
