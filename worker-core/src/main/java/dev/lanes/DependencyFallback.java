package dev.lanes;

/** Computes a call's result instead of failing it, e.g. a cached value. */
@FunctionalInterface
public interface DependencyFallback {

  /**
   * @param failure why the call did not succeed; a {@link DependencyUnavailableException} while the
   *     breaker is open
   */
  Object apply(Throwable failure) throws Exception;
}
