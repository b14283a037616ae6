package dev.lanes.internal.dependency;

import dev.lanes.Dependencies;
import dev.lanes.Dependency;
import dev.lanes.DependencyCall;
import java.util.Set;

/**
 * The process's dependencies as one lane's handlers see them: each call carries the lane's name, so
 * the adaptive limit counts it against the lane's share.
 */
public final class LaneDependencies implements Dependencies {

  private final DependencyRegistry registry;
  private final String lane;

  public LaneDependencies(DependencyRegistry registry, String lane) {
    this.registry = registry;
    this.lane = lane;
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
        return dependency.call(lane, call);
      }
    };
  }

  @Override
  public Set<String> names() {
    return registry.names();
  }
}
