package dev.lanes.tools.drill;

import dev.lanes.testkit.fake.FlakyHttpService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Everything a failure drill runs against: a restartable broker in this JVM, the lane's topics
 * (made by {@code lanes topics apply}), the fake dependency that records which tasks reached it, a
 * producer of tasks with unique ids, the committed-offset checker, and worker processes ({@code
 * lanes run}) started from the packaged jar.
 */
final class DrillRig implements AutoCloseable {

  private static final Duration WORKER_START = Duration.ofSeconds(90);
  private static final Duration WORKER_STOP = Duration.ofSeconds(90);

  private final Path dir;
  private final DrillLane lane;
  private final Path config;
  private final DrillBroker broker;
  private final FlakyHttpService dependency;
  private final TaskFates fates = new TaskFates();
  private final RecordIndex index = new RecordIndex();
  private final DrillProducer producer;
  private final CommittedOffsetChecker checker;
  private final List<LanesProcess> workers = new ArrayList<>();
  private final long startedAt = System.nanoTime();

  private DrillRig(Path dir, DrillLane lane) {
    this.dir = dir;
    this.lane = lane;
    this.config = lane.writeConfig(dir);
    this.broker = DrillBroker.start(dir.resolve("broker"));
    this.dependency = FlakyHttpService.start(0);
    dependency.onSuccess(uri -> fates.completed(idOf(uri)));
    LanesProcess.runToCompletion(
        "topics-apply", dir, cli("topics", "apply"), Duration.ofSeconds(90));
    this.producer =
        new DrillProducer(broker.bootstrapServers(), lane.mainTopic(), dependency.workUri(), index);
    this.checker = new CommittedOffsetChecker(broker.bootstrapServers(), lane, index, fates);
  }

  static DrillRig start(Path dir, DrillLane lane) {
    return new DrillRig(dir, lane);
  }

  DrillProducer producer() {
    return producer;
  }

  FlakyHttpService dependency() {
    return dependency;
  }

  DrillBroker broker() {
    return broker;
  }

  DrillLane lane() {
    return lane;
  }

  /** Starts {@code lanes run} in a new JVM and returns once it runs the lane. */
  LanesProcess startWorker() {
    return startWorker(List.of(), Map.of());
  }

  /**
   * Starts {@code lanes run <options>} with {@code env} added to its environment, in a new JVM, and
   * returns once it runs the lane.
   */
  LanesProcess startWorker(List<String> options, Map<String, String> env) {
    List<String> args = cli("run", "--http-port", "0");
    args.addAll(options);
    LanesProcess worker = LanesProcess.start("worker-" + (workers.size() + 1), dir, args, env);
    workers.add(worker);
    worker.awaitOutput("lanes: running lanes", WORKER_START);
    note("started " + worker.name());
    return worker;
  }

  /** Prints a timeline line, e.g. {@code [drill +12.3s done=3400] killed worker-1}. */
  void note(String event) {
    System.out.printf(
        "[drill %s +%.1fs done=%d] %s%n",
        lane.name(), (System.nanoTime() - startedAt) / 1e9, doneCount(), event);
  }

  /** Tasks produced so far that completed or were dead-lettered. */
  int doneCount() {
    int done = 0;
    for (String id : producer.produced()) {
      done += fates.isDone(id) ? 1 : 0;
    }
    return done;
  }

  /** Waits until {@code more} further tasks are done than now; returns how long that took. */
  Duration awaitProgress(int more, Duration timeout) {
    long from = System.nanoTime();
    int target = doneCount() + more;
    awaitDone(() -> doneCount() >= target, "progress to " + target + " done tasks", timeout);
    return Duration.ofNanos(System.nanoTime() - from);
  }

  /**
   * Waits until every partition of the lane's main topic has completed a task produced after {@code
   * sequence} (see {@link DrillProducer#sequence()}); returns how long after {@code sinceNanos} the
   * last partition did: when a partition whose worker died moved on again.
   */
  Duration awaitEveryPartitionMovesOn(long sequence, long sinceNanos, Duration timeout) {
    Map<Integer, Long> firstDone = new java.util.HashMap<>();
    awaitDone(
        () -> {
          for (String id : producer.produced()) {
            Long at = fates.firstCompletedAt(id);
            if (at != null && DrillProducer.sequenceOf(id) > sequence) {
              firstDone.merge(index.partitionOf(id), at, Math::min);
            }
          }
          return firstDone.size() == lane.partitions();
        },
        "completed task produced after #" + sequence + " on every partition",
        timeout);
    long last = firstDone.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return Duration.ofNanos(last - sinceNanos);
  }

  /** Waits until at least {@code count} produced tasks are done, however many were before. */
  void awaitDoneCount(int count, Duration timeout) {
    awaitDone(() -> doneCount() >= count, count + " done tasks", timeout);
  }

  /** Waits until every task produced so far completed or was dead-lettered. */
  void awaitAllDone(Duration timeout) {
    awaitDone(() -> doneCount() == producer.produced().size(), "every produced task done", timeout);
  }

  /**
   * Stops production, stops every live worker with SIGTERM, takes the checker's last sample and
   * reports; prints the report, which names the drill, so the figures land in the build log.
   */
  DrillReport finish(String drill) {
    producer.stopSteady();
    for (LanesProcess worker : workers) {
      if (worker.isAlive()) {
        worker.terminate(WORKER_STOP);
      }
    }
    checker.finish();
    DrillReport report = DrillReport.of(drill, producer.produced(), fates);
    System.out.println(report + " checker: " + checker.summary());
    return report;
  }

  CommittedOffsetChecker checker() {
    return checker;
  }

  /** The last lines of every worker's output, for a failure message. */
  String workerOutput() {
    StringBuilder out = new StringBuilder();
    for (LanesProcess worker : workers) {
      out.append("--- ").append(worker.name()).append(" ---\n").append(worker.tail(40));
    }
    return out.toString();
  }

  @Override
  public void close() {
    for (LanesProcess worker : workers) {
      if (worker.isAlive()) {
        worker.kill();
      }
    }
    producer.close();
    checker.close();
    dependency.close();
    broker.close();
  }

  /** What a one-off {@code lanes} command printed (stdout and stderr) and its exit code. */
  record CliResult(int exit, String output) {}

  /** Runs {@code lanes <command>} against the rig's broker and config to its end. */
  CliResult runCli(String name, String... command) {
    LanesProcess cli = LanesProcess.start(name, dir, cli(command));
    int exit = cli.awaitExit(Duration.ofSeconds(90));
    return new CliResult(exit, cli.output());
  }

  private List<String> cli(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of("--bootstrap-server", broker.bootstrapServers(), "--config", config.toString()));
    return args;
  }

  private void awaitDone(BooleanSupplier condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no "
                + what
                + " within "
                + timeout
                + ": "
                + DrillReport.of("timed-out", producer.produced(), fates)
                + "\n"
                + workerOutput());
      }
      LanesProcess.sleep(Duration.ofMillis(200));
    }
  }

  private static String idOf(URI uri) {
    String query = uri.getQuery();
    if (query == null || !query.startsWith("id=")) {
      throw new IllegalArgumentException("a drill call without ?id=: " + uri);
    }
    return query.substring("id=".length());
  }

  Set<String> produced() {
    return producer.produced();
  }
}
