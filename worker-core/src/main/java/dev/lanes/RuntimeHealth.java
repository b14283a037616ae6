package dev.lanes;

import java.util.List;

/** A snapshot of every lane and dependency of a runtime. */
public record RuntimeHealth(List<LaneHealth> lanes, List<DependencyHealth> dependencies) {

  public RuntimeHealth {
    lanes = List.copyOf(lanes);
    dependencies = List.copyOf(dependencies);
  }
}
