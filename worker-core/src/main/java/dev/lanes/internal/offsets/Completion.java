package dev.lanes.internal.offsets;

/**
 * Work handed back to the poll thread: a batch a worker finished, or a record whose forward to a
 * retry or dead-letter topic the broker acknowledged (or that was abandoned). Handing one back
 * returns its records to the lane's in-flight count and finishes their offsets.
 */
public interface Completion {

  PartitionState partition();

  /** How many of the lane's in-flight records this completion accounts for. */
  int records();

  /** Marks the records that are done in the partition's offsets; others stay open. */
  void finishOffsets();
}
