package dev.lanes;

/**
 * A named external dependency (an API, a database) that handlers call through the task context:
 * {@code context.dependency("payments-api").call(() -> client.charge(order))}. Every call goes
 * through the dependency's policies; one breaker per dependency per process, shared by all lanes.
 */
public interface Dependency {

  String name();

  /**
   * Makes the call through the dependency's policies and returns its result, or throws what it
   * threw.
   *
   * @throws DependencyUnavailableException when the breaker is open or this call's failure opened
   *     it; let it propagate so the runtime pauses the task instead of spending an attempt
   */
  <T> T call(DependencyCall<T> call) throws Exception;
}
