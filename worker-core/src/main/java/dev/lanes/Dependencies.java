package dev.lanes;

import java.util.Set;

/** The dependencies a runtime knows, by name, as handlers see them through the task context. */
public interface Dependencies {

  /**
   * The dependency called {@code name}.
   *
   * @throws NonRetryableException when no dependency has that name: a task that needs one the
   *     runtime does not know cannot succeed by retrying
   */
  Dependency get(String name);

  Set<String> names();

  /** No dependencies at all. */
  static Dependencies none() {
    return new Dependencies() {
      @Override
      public Dependency get(String name) {
        throw new NonRetryableException("unknown dependency '" + name + "', known: []");
      }

      @Override
      public Set<String> names() {
        return Set.of();
      }
    };
  }
}
