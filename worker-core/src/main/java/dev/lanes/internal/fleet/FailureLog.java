package dev.lanes.internal.fleet;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that something of the fleet fails, with the reason and what it costs, and once that it
 * works again: an unreachable fleet topic must not fill the log every few seconds. Any thread (the
 * producer's callbacks and the publisher's).
 */
final class FailureLog {

  private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

  private final String failure;
  private final String recovery;
  private final String topic;
  private final AtomicBoolean failing = new AtomicBoolean();

  /**
   * @param failure what fails and what that costs, e.g. "fleet topic unavailable: this worker is
   *     not in lanes status"
   * @param recovery what it means when it works again
   */
  FailureLog(String failure, String recovery, String topic) {
    this.failure = failure;
    this.recovery = recovery;
    this.topic = topic;
  }

  void failed(Throwable error) {
    if (failing.compareAndSet(false, true)) {
      log.warn(
          "{} topic={} reason=\"{}\" (said once; lanes keep running)",
          failure,
          topic,
          error.toString());
    }
  }

  void succeeded() {
    if (failing.compareAndSet(true, false)) {
      log.info("{} topic={}", recovery, topic);
    }
  }

  boolean failing() {
    return failing.get();
  }
}
