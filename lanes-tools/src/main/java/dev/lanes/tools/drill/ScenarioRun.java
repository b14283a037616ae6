package dev.lanes.tools.drill;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One scenario from start to report: rig up, warm-up (not measured), steady load before the fault,
 * the fault for {@code --duration}, the repair, steady load after it, then production stops, the
 * drill waits for every task to be done and stops the workers with SIGTERM.
 */
final class ScenarioRun {

  static final Duration WARM_UP = Duration.ofSeconds(10);
  // The after phase lasts at least --steady plus one recovery window from the repair's start, so
  // the recovery figure can be found in it.
  static final Duration AFTER_MARGIN = Duration.ofSeconds(10);
  static final Duration DRAIN = Duration.ofSeconds(120);
  static final Duration WINDOW = Duration.ofSeconds(10);

  private final DrillScenario scenario;
  private final DrillOptions options;
  private final Path dir;
  private final PrintStream out;

  ScenarioRun(DrillScenario scenario, DrillOptions options, Path dir, PrintStream out) {
    this.scenario = scenario;
    this.options = options;
    this.dir = dir;
    this.out = out;
  }

  /** Runs the scenario; an exception means it could not run at all (the rig did not come up). */
  Outcome run() {
    Timeline timeline = new Timeline(scenario.label(), out);
    ZoneFault fault = ZoneFault.of(scenario);
    try (ZoneRig rig = ZoneRig.start(dir, options, timeline, fault.needsZoneNetwork())) {
      rig.startAllWorkers();
      rig.batch().produceHttpTasks(options.backlog());
      rig.realtime().startSteady(options.rate());
      timeline.event(
          "producing: "
              + options.backlog()
              + " batch tasks as a backlog, realtime tasks at "
              + options.rate()
              + "/s; warm-up "
              + WARM_UP.toSeconds()
              + " s");
      LanesProcess.sleep(WARM_UP);
      long start = System.currentTimeMillis();
      Duration steady = options.steady();
      timeline.event("before: steady load for " + steady.toSeconds() + " s");
      LanesProcess.sleep(steady);

      long faultAt = System.currentTimeMillis();
      fault.strike(rig);
      if (fault.lastsDuration()) {
        LanesProcess.sleep(
            Duration.ofMillis(
                Math.max(0, faultAt + options.duration().toMillis() - System.currentTimeMillis())));
      }
      long healAt = System.currentTimeMillis();
      Double inSync = fault.heal(rig);
      // The repair itself takes time (a JVM start, a node catching up): the after phase lasts until
      // it is done and --steady more, and at least --steady plus a recovery window from its start.
      long afterUntil =
          Math.max(
              healAt + steady.plus(AFTER_MARGIN).toMillis(),
              System.currentTimeMillis() + steady.toMillis());
      timeline.event(
          "repaired; after: steady load for "
              + (afterUntil - System.currentTimeMillis()) / 1000
              + " s more");
      LanesProcess.sleep(Duration.ofMillis(Math.max(0, afterUntil - System.currentTimeMillis())));

      rig.realtime().stopSteady();
      long end = System.currentTimeMillis();
      timeline.event("production stopped; waiting for " + rig.pending() + " tasks to be done");
      if (!rig.awaitAllDone(DRAIN)) {
        timeline.event(
            rig.pending()
                + " tasks still not done "
                + DRAIN.toSeconds()
                + " s after production stopped");
      }
      rig.stopAllWorkers();
      timeline.event("workers stopped (SIGTERM)");
      DrillReport report = rig.report(scenario.label());
      List<String> violations = rig.offsetViolations();
      timeline.event("committed offsets: " + rig.checkerSummary());
      Phases phases = new Phases(start, faultAt, healAt, end);
      ScenarioResult result =
          new ScenarioResult(
              scenario.label(),
              report,
              rig.waits().figures(phases),
              sum(rig.realtime().produceFigures(), rig.batch().produceFigures()),
              inSync,
              rig.waits().windows(phases, WINDOW),
              timeline.events());
      return new Outcome(result, violations, report.lost().isEmpty() ? "" : rig.workerOutput());
    }
  }

  /**
   * A scenario's result, the at-least-once violations the committed-offset checkers found, and the
   * workers' last output when tasks were lost.
   */
  record Outcome(ScenarioResult result, List<String> offsetViolations, String workerOutput) {

    boolean passed() {
      return result.report().lost().isEmpty()
          && result.produce().unacknowledged() == 0
          && offsetViolations.isEmpty();
    }
  }

  private static ProduceFigures sum(ProduceFigures a, ProduceFigures b) {
    return new ProduceFigures(
        a.errors() + b.errors(), a.resent() + b.resent(), a.unacknowledged() + b.unacknowledged());
  }
}
