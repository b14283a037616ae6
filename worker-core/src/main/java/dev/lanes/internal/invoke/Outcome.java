package dev.lanes.internal.invoke;

/**
 * What became of a record a worker ran, when it is not simply done (which is {@code null}, so the
 * common case allocates nothing).
 */
public sealed interface Outcome permits ForwardRequest, Outcome.Abandoned, Outcome.AwaitDependency {

  /**
   * The handler was interrupted because the lane is stopping past its grace: the record is neither
   * done nor failed, and runs again on the partition's next owner.
   */
  Outcome ABANDONED = new Abandoned();

  record Abandoned() implements Outcome {}

  /**
   * The task needs a dependency whose breaker is open: not an attempt, not a failure. Its partition
   * waits, paused, until the dependency recovers, then runs it again.
   */
  record AwaitDependency(String dependency) implements Outcome {}
}
