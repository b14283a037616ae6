package dev.lanes;

/** A call to an external dependency, made through {@link Dependency#call}. */
@FunctionalInterface
public interface DependencyCall<T> {

  T call() throws Exception;
}
