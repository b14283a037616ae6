package dev.lanes.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends the process with the command's own exit status, even when SIGTERM or Ctrl-C started the
 * JVM's shutdown.
 *
 * <p>Why: once a signal starts the shutdown, the JVM's status is fixed at 128+signal (143 for
 * SIGTERM) and {@code System.exit} from the main thread blocks for good; so after a clean drain
 * {@code lanes run} would still exit 143, although it did its job. The shutdown hook that waits for
 * the drain therefore halts the JVM itself, with the status the command decided, once the command
 * has finished and flushed its output. {@code Runtime.halt} skips hooks still running; every
 * resource of the command is closed by then, and the process registers no other hook that must
 * finish. We keep the JVM's own signal handling instead of replacing it through {@code
 * sun.misc.Signal}, an unsupported API: with it, a second signal and {@code -Xrs} behave as a JVM
 * operator expects, and a command that never decides (a hung drain) still ends after the hook's
 * wait, with the JVM's 143, which is right for a stop that was not clean.
 */
public final class ExitStatus {

  private static final CountDownLatch decided = new CountDownLatch(1);
  private static volatile int status;

  private ExitStatus() {}

  /** Ends the process with {@code code}: the normal way, or through a hook already waiting. */
  static void exit(int code) {
    status = code;
    decided.countDown();
    // During a signal's shutdown this blocks, and the waiting hook halts with `code` instead.
    System.exit(code);
  }

  /**
   * For a shutdown hook: waits up to {@code atMost} for the main thread to decide the status, then
   * halts with it. Returns only when nothing was decided in time (the JVM then exits as the signal
   * says).
   */
  public static void haltWhenDecided(Duration atMost) {
    try {
      if (decided.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
