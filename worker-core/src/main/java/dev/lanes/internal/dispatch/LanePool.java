package dev.lanes.internal.dispatch;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The lane's bulkhead: a fixed number of threads and a bounded queue, owned by this lane alone. */
public final class LanePool {

  private LanePool() {}

  public static ThreadPoolExecutor create(String laneName, int threads, int queueCapacity) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread =
              new Thread(runnable, "lanes-" + laneName + "-worker-" + counter.incrementAndGet());
          thread.setDaemon(false);
          return thread;
        };
    // AbortPolicy: the queue is sized so it cannot fill; a rejection would be a bug, loudly.
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity),
        factory,
        new ThreadPoolExecutor.AbortPolicy());
  }
}
