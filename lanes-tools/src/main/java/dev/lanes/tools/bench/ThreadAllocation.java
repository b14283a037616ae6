package dev.lanes.tools.bench;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by threads of this JVM, by name prefix: what a record costs the garbage
 * collector, which CPU time per record shows only once a collection runs. HotSpot counts these per
 * thread (TLAB refills and direct allocations), cheaply and without sampling.
 */
final class ThreadAllocation {

  private static final com.sun.management.ThreadMXBean THREADS = threads();

  private ThreadAllocation() {}

  /** Bytes allocated so far by the live threads whose names start with {@code prefix}. */
  static long bytes(String prefix) {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix)) {
        total += Math.max(0, THREADS.getThreadAllocatedBytes(thread.getId()));
      }
    }
    return total;
  }

  /** Bytes allocated so far by the calling thread. */
  static long currentThread() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
      threads.setThreadAllocatedMemoryEnabled(true);
      return threads;
    }
    throw new IllegalStateException(
        "this JVM ("
            + System.getProperty("java.vm.name")
            + ") does not count allocated bytes per thread; the bench needs a HotSpot JVM");
  }
}
