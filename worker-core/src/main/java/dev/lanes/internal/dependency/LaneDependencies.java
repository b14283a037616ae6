package dev.lanes.internal.dependency;

import dev.lanes.Dependencies;
import dev.lanes.Dependency;
import dev.lanes.DependencyCall;
import dev.lanes.Priority;
import java.util.Set;

/**
 * The process's dependencies as one lane's handlers see them: each call carries the lane's name
 * (for messages) and priority, so the adaptive limit counts it against the share of its priority.
 */
public final class LaneDependencies implements Dependencies {

  private final DependencyRegistry registry;
  private final String lane;
  private final Priority priority;

  public LaneDependencies(DependencyRegistry registry, String lane, Priority priority) {
    this.registry = registry;
    this.lane = lane;
    this.priority = priority;
  }

  @Override
  public Dependency get(String name) {
    GuardedDependency dependency = registry.get(name);
    return new Dependency() {
      @Override
      public String name() {
        return dependency.name();
      }

      @Override
      public <T> T call(DependencyCall<T> call) throws Exception {
        return dependency.call(lane, priority, call);
      }
    };
  }

  @Override
  public Set<String> names() {
    return registry.names();
  }
}
