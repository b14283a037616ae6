package dev.lanes;

/** Lifecycle of one lane in a runtime. */
public enum LaneState {
  CREATED,
  RUNNING,
  STOPPING,
  STOPPED,
  /** The lane's poll loop died on an unexpected error; see the log. */
  FAILED
}
