package dev.lanes;

/** How a lane orders the tasks of one partition. */
public enum OrderingMode {
  /**
   * Tasks with the same record key run one at a time in offset order; different keys, and records
   * without a key, run concurrently.
   */
  KEY,
  /** Tasks of one partition run one at a time in offset order. */
  PARTITION,
  /** No ordering: any task may run as soon as a thread is free. */
  UNORDERED
}
