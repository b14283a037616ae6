package dev.lanes.testkit.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FlakyHttpService} currently answers: with {@code status} for a share {@code rate} of
 * calls, each after {@code latency}. Immutable, so the service swaps it atomically and a call never
 * sees half of a change.
 *
 * @param status the failure status, 400..599
 * @param rate the share of calls that fail, 0 (healthy) to 1 (every call)
 * @param latency how long every call waits before it is answered
 */
record FlakyMode(int status, double rate, Duration latency) {

  static final int DEFAULT_STATUS = 503;
  static final FlakyMode HEALTHY = new FlakyMode(DEFAULT_STATUS, 0, Duration.ZERO);

  FlakyMode {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, was " + status);
    }
    // The negated form also rejects NaN, which every comparison answers false for.
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
    }
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0, was " + latency);
    }
  }

  FlakyMode withFailure(int status, double rate) {
    return new FlakyMode(status, rate, latency);
  }

  FlakyMode withLatency(Duration latency) {
    return new FlakyMode(status, rate, latency);
  }

  /**
   * Whether a call fails, given a uniform draw from [0, 1): rate 0 never fails, rate 1 always does.
   */
  boolean fails(double draw) {
    return draw < rate;
  }

  /** The form the control endpoints answer with and the log shows. */
  String describe() {
    return "status=" + status + " rate=" + rate + " latencyMs=" + latency.toMillis();
  }
}
