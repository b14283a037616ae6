package dev.lanes.internal.lane;

import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.poll.PollLoop;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what a lane's poll loops share (the pool, the forwarding producer, the client metrics
 * timer, the lane's gauges) once the last loop stopped, or at once for a lane never started.
 */
final class LaneShutdown {

  private static final Logger log = LoggerFactory.getLogger(LaneShutdown.class);

  private final String laneName;
  private final ThreadPoolExecutor pool;
  private final KafkaClientMetrics producerMetrics;
  private final ScheduledExecutorService clientMetricsScheduler;
  private final Forwarder forwarder;
  private final LaneMetrics metrics;
  private final AtomicInteger running = new AtomicInteger();
  private volatile List<PollLoop> loops = List.of();
  private volatile boolean halted;

  LaneShutdown(
      String laneName,
      ThreadPoolExecutor pool,
      KafkaClientMetrics producerMetrics,
      ScheduledExecutorService clientMetricsScheduler,
      Forwarder forwarder,
      LaneMetrics metrics) {
    this.laneName = laneName;
    this.pool = pool;
    this.producerMetrics = producerMetrics;
    this.clientMetricsScheduler = clientMetricsScheduler;
    this.forwarder = forwarder;
    this.metrics = metrics;
  }

  /** The lane starts {@code loops}; the last of them to stop releases. */
  void started(List<PollLoop> loops) {
    this.loops = loops;
    running.set(loops.size());
  }

  /** The lane stops as a crash would: in-flight forwards are abandoned, not waited for. */
  void halted() {
    halted = true;
  }

  /** Called by each loop once it stopped; the last one releases what they shared. */
  void loopStopped() {
    if (running.decrementAndGet() == 0) {
      release();
      log.info("lane stopped lane={} state={}", laneName, LaneWorker.stateOf(loops));
    }
  }

  void release() {
    pool.shutdownNow();
    producerMetrics.close();
    clientMetricsScheduler.shutdownNow();
    // A graceful stop waited for in-flight forwards; after a halt they are abandoned.
    forwarder.close(halted ? Duration.ZERO : Duration.ofSeconds(10));
    metrics.unbindGauges();
  }
}
