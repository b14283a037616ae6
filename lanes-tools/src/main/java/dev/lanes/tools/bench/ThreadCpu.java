package dev.lanes.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time spent by threads of this JVM, by name prefix. On a shared machine a rate says as much
 * about the neighbours as about the code; CPU time per record says what the code costs.
 */
final class ThreadCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** CPU nanoseconds used so far by the live threads whose names start with {@code prefix}. */
  static long nanos(String prefix) {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix)) {
        total += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
      }
    }
    return total;
  }

  /** CPU nanoseconds used so far by the calling thread. */
  static long currentThread() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
