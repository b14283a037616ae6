package dev.lanes.tools.drill;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario did and when, counted from its start: printed as it happens ({@code [drill
 * zone-loss +35.2s] killed zone-a: node 1 and workers w1, w2}) and kept for the report.
 */
final class Timeline {

  private final String scenario;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final List<String> events = new ArrayList<>();

  Timeline(String scenario, PrintStream out) {
    this.scenario = scenario;
    this.out = out;
  }

  synchronized void event(String what) {
    String event = String.format("+%.1fs %s", (System.nanoTime() - startNanos) / 1e9, what);
    events.add(event);
    out.printf("[drill %s %s%n", scenario, event.replaceFirst(" ", "] "));
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }
}
