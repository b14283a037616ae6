package dev.lanes.internal.fleet;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that a fleet topic fails, with the reason and what it costs, and once that it works
 * again: an unreachable fleet topic must not fill the log every few seconds. Any thread (the
 * producer's callbacks and the publisher's).
 */
final class FailureLog {

  private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

  private final String topic;
  private final String cost;
  private final AtomicBoolean failing = new AtomicBoolean();

  /**
   * @param cost what the failure costs, e.g. "this worker is not in lanes status"
   */
  FailureLog(String topic, String cost) {
    this.topic = topic;
    this.cost = cost;
  }

  void failed(Throwable error) {
    if (failing.compareAndSet(false, true)) {
      log.warn(
          "fleet topic unavailable: {} topic={} reason=\"{}\" (said once; lanes keep running)",
          cost,
          topic,
          error.toString());
    }
  }

  void succeeded() {
    if (failing.compareAndSet(true, false)) {
      log.info("fleet topic available again topic={}", topic);
    }
  }

  boolean failing() {
    return failing.get();
  }
}
