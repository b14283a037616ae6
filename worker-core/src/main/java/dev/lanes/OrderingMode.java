package dev.lanes;

/** How a lane orders the tasks of one partition. */
public enum OrderingMode {
  /**
   * Tasks with the same record key run one at a time in offset order; records without a key run
   * concurrently. Keys are hashed onto a fixed set of ordered slots per partition (16 per thread of
   * the lane), and a slot's tasks run one at a time: so a slow task also delays the later tasks of
   * the other keys that share its slot, as {@link #PARTITION} ordering would over that many
   * sub-partitions. A partition runs up to that many tasks at once.
   */
  KEY,
  /** Tasks of one partition run one at a time in offset order. */
  PARTITION,
  /** No ordering: any task may run as soon as a thread is free. */
  UNORDERED
}
