package dev.lanes.tools.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench's scenarios by name, and how their results are printed. */
public final class Scenarios {

  /** Every scenario. */
  static final List<String> NAMES =
      List.of(
          "throughput",
          "io-bound",
          "isolation",
          "outage",
          "retry-delay",
          "memory",
          "overload",
          "brownout");

  /**
   * What {@code all} runs, in order: not overload and brownout, which take about 1.5 and 2.5
   * minutes more and would double it; run them by name.
   */
  static final List<String> ALL =
      List.of("throughput", "io-bound", "isolation", "outage", "retry-delay", "memory");

  private static final int RETRY_TASKS = 200;

  private Scenarios() {}

  /** For picocli's completion candidates and the help text. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  /** The scenarios {@code name} stands for; a clear error for an unknown one. */
  public static List<String> select(String name) {
    if (name.equals("all")) {
      return ALL;
    }
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "--scenario must be one of " + NAMES + " or all, was '" + name + "'");
    }
    return List.of(name);
  }

  /**
   * @param seconds the length of each overload run and of the brown-out, or 0 for their defaults
   *     (20 s and 30 s)
   * @param rounds how many rounds the throughput scenario runs; it reports each figure's median
   * @param pollers main-topic poll loops of the throughput scenario's lanes
   */
  public static Map<String, Object> run(
      String name, BenchContext bench, int records, int seconds, int rounds, int pollers) {
    bench.progress("scenario " + name);
    return switch (name) {
      case "throughput" -> ThroughputScenario.run(bench, records, rounds, pollers);
      case "io-bound" -> IoBoundScenario.run(bench, records);
      case "isolation" -> IsolationScenario.run(bench, records);
      case "outage" -> OutageScenario.run(bench, records);
      case "retry-delay" -> RetryDelayScenario.run(bench, RETRY_TASKS);
      case "memory" -> MemoryScenario.run(bench, records);
      case "overload" ->
          OverloadScenario.run(
              bench, seconds == 0 ? OverloadScenario.DEFAULT_RUN : Duration.ofSeconds(seconds));
      case "brownout" ->
          BrownoutScenario.run(
              bench,
              seconds == 0 ? BrownoutScenario.DEFAULT_BROWNOUT : Duration.ofSeconds(seconds));
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }

  /** One line per figure, ratios and targets first where a scenario has them. */
  public static void printTable(Map<String, Object> results, PrintStream out) {
    out.println();
    out.printf("%-14s %-32s %14s%n", "scenario", "figure", "value");
    results.forEach(
        (scenario, figures) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> values = (Map<String, Object>) figures;
          values.forEach(
              (figure, value) -> out.printf("%-14s %-32s %14s%n", scenario, figure, value));
        });
  }

  /** What the figures were measured on: they only compare within one run on one machine. */
  public static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put("java", System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    List<String> notes = new ArrayList<>();
    notes.add("broker in the same JVM unless --bootstrap-server was given");
    notes.add("memory: the worker runs in a JVM of its own, so its heap excludes the broker");
    machine.put("notes", notes);
    return machine;
  }
}
