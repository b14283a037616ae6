package dev.lanes.tools.drill;

import java.time.Duration;
import java.util.List;

/**
 * How long each realtime task waited: from the moment the producer handed it to Kafka to the
 * dependency's first call for it. Thread-safe; bounded by the number of tasks a drill produces.
 * CONTRACT STUB: implemented by the i16-metrics branch.
 */
final class TaskWaits {

  /** The producer is handing task {@code id} to Kafka now ({@code epochMillis}). */
  void produced(String id, long epochMillis) {
    throw new UnsupportedOperationException("contract stub");
  }

  /** The dependency got a call for {@code id}; only the first call counts. */
  void called(String id, long epochMillis) {
    throw new UnsupportedOperationException("contract stub");
  }

  /** The scenario's figures: p99 per phase and the recovery time. */
  WaitFigures figures(Phases phases) {
    throw new UnsupportedOperationException("contract stub");
  }

  /** Consecutive windows of {@code width} from {@code phases.start()} to {@code phases.end()}. */
  List<WaitWindow> windows(Phases phases, Duration width) {
    throw new UnsupportedOperationException("contract stub");
  }
}
