package dev.lanes.benchmarks;

import dev.lanes.Task;
import dev.lanes.task.TaskCodec;

/** The envelopes the benchmarks decode. */
final class Envelopes {

  /** The task type the benchmarks' handlers are registered for. */
  static final String TYPE = "noop";

  private Envelopes() {}

  /**
   * What {@code lanes bench --scenario throughput} produces: an id, a short type, an empty payload,
   * a creation time and the schema version, about 100 bytes.
   */
  static byte[] typical(TaskCodec codec) {
    return codec.encode(Task.create(TYPE, codec.mapper().createObjectNode()));
  }
}
