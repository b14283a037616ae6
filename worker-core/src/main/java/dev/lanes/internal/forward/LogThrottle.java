package dev.lanes.internal.forward;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for a repeating problem, so an outage of thousands of records
 * yields a readable log; the next line says how many were left out.
 */
final class LogThrottle {

  private final long intervalNanos;
  private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
  private final AtomicInteger suppressed = new AtomicInteger();

  LogThrottle(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** The number of lines suppressed since the last one, or -1 when this one is suppressed too. */
  int tryAcquire() {
    long now = System.nanoTime();
    long allowed = nextAllowed.get();
    if (now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
      return suppressed.getAndSet(0);
    }
    suppressed.incrementAndGet();
    return -1;
  }
}
