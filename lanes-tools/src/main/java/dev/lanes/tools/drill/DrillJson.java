package dev.lanes.tools.drill;

import java.nio.file.Path;
import java.util.List;

/** Writes {@code {"scenarios": {"<scenario>": {...}}}}. CONTRACT STUB: see i16-metrics. */
final class DrillJson {

  private DrillJson() {}

  static void write(Path file, List<ScenarioResult> results) {
    throw new UnsupportedOperationException("contract stub");
  }
}
