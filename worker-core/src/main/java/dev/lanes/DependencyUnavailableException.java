package dev.lanes;

/**
 * The dependency's breaker is open, so the call was not made (or its failure just opened the
 * breaker), or its adaptive concurrency limit gave the call no permit in time. Handlers let it
 * propagate: the runtime then pauses the task's partition until the dependency recovers, without
 * spending an attempt.
 */
public final class DependencyUnavailableException extends RuntimeException {

  private final String dependency;

  public DependencyUnavailableException(String dependency, Throwable cause) {
    super("dependency " + dependency + " is unavailable (circuit breaker open)", cause);
    this.dependency = dependency;
  }

  /** Unavailable for another {@code reason} than an open breaker, e.g. no concurrency permit. */
  public DependencyUnavailableException(String dependency, String reason, Throwable cause) {
    super("dependency " + dependency + " is unavailable (" + reason + ")", cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
