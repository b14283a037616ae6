package dev.lanes.internal.dependency;

/**
 * The dependency's adaptive concurrency limit gave a call no permit within its wait. Never leaves
 * {@link GuardedDependency}: it becomes a {@link dev.lanes.DependencyUnavailableException}, so the
 * task's partition waits instead of spending an attempt.
 */
final class NoPermitException extends RuntimeException {

  NoPermitException(String dependency, String lane, int limit) {
    super(
        "no permit for dependency "
            + dependency
            + " lane="
            + lane
            + " (concurrency limit "
            + limit
            + " reached)",
        null,
        false,
        false);
  }
}
