package dev.lanes.tools.drill;

import dev.lanes.embedded.ClusterNode;
import dev.lanes.embedded.KafkaCluster;
import dev.lanes.embedded.ZoneNetwork;
import dev.lanes.testkit.fake.FlakyHttpService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What a zone drill runs against: a three-node cluster with one node per zone (or the user's
 * cluster), the fleet config, the fake dependency, {@code lanes run} workers in each zone, a steady
 * producer of realtime tasks and a backlog of batch tasks, and a committed-offset checker per lane.
 */
final class ZoneRig implements AutoCloseable {

  static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");
  static final String REALTIME_PREFIX = "r";
  static final String BATCH_PREFIX = "b";

  private static final int NODES = 3;
  private static final Duration SETUP = Duration.ofSeconds(120);
  private static final Duration WORKER_START = Duration.ofSeconds(120);
  private static final Duration WORKER_STOP = Duration.ofSeconds(90);

  private final Path dir;
  private final DrillOptions options;
  private final Timeline timeline;
  private final boolean inZoneNetwork;
  private final TaskFates fates = new TaskFates();
  private final RecordIndex index = new RecordIndex();
  private final TaskWaits waits = new TaskWaits();
  private final List<ZoneWorker> workers = new CopyOnWriteArrayList<>();
  private final List<CommittedOffsetChecker> checkers = new ArrayList<>();
  private ZoneNetwork network;
  private KafkaCluster cluster;
  private String bootstrapServers;
  private FleetConfig fleet;
  private FlakyHttpService dependency;
  private DrillProducer realtime;
  private DrillProducer batch;
  // Workers are processes of their own: Ctrl-C on lanes drill must not leave them running.
  private final Thread killWorkersOnExit = new Thread(this::killLiveWorkers, "drill-workers-kill");

  private ZoneRig(Path dir, DrillOptions options, Timeline timeline, boolean inZoneNetwork) {
    this.dir = dir;
    this.options = options;
    this.timeline = timeline;
    this.inZoneNetwork = inZoneNetwork;
    Runtime.getRuntime().addShutdownHook(killWorkersOnExit);
  }

  /**
   * Starts everything but the workers and the production; closes what it started on failure. {@code
   * inZoneNetwork}: each zone is a network namespace of a {@link ZoneNetwork}, holding its node and
   * its workers, and the dependency listens on the bridge address; the producers and checkers stay
   * in the root namespace.
   */
  static ZoneRig start(Path dir, DrillOptions options, Timeline timeline, boolean inZoneNetwork) {
    ZoneRig rig = new ZoneRig(dir, options, timeline, inZoneNetwork);
    try {
      rig.setUp();
      return rig;
    } catch (RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  private void setUp() {
    if (options.bootstrapServer().isPresent()) {
      bootstrapServers = options.bootstrapServer().get();
    } else if (inZoneNetwork) {
      network = ZoneNetwork.create(NODES);
      cluster = KafkaCluster.start(dir.resolve("cluster"), NODES, network);
      bootstrapServers = cluster.bootstrapServers();
      timeline.event(
          "cluster up in network namespaces: " + describeNodes() + " at " + bootstrapServers);
    } else {
      cluster = KafkaCluster.start(dir.resolve("cluster"), NODES, 0);
      bootstrapServers = cluster.bootstrapServers();
      timeline.event("cluster up: " + describeNodes() + " at " + bootstrapServers);
    }
    fleet = FleetConfig.write(dir, options.config(), options.bootstrapServer().isPresent());
    // In namespaces the workers reach the root namespace only through the bridge.
    dependency =
        network == null
            ? FlakyHttpService.start(0)
            : FlakyHttpService.start(network.hostAddress(), 0);
    dependency.onSuccess(this::succeeded);
    LanesProcess.runToCompletion("topics-apply", dir, cli("topics", "apply"), SETUP);
    List<String> mainTopics = List.of(fleet.realtime().mainTopic(), fleet.batch().mainTopic());
    TopicLeaders.await(bootstrapServers, mainTopics, SETUP);
    realtime =
        new DrillProducer(
            bootstrapServers,
            fleet.realtime().mainTopic(),
            dependency.workUri(),
            index,
            REALTIME_PREFIX,
            waits);
    batch =
        new DrillProducer(
            bootstrapServers,
            fleet.batch().mainTopic(),
            dependency.workUri(),
            index,
            BATCH_PREFIX,
            null);
    for (DrillLane lane : List.of(fleet.realtime(), fleet.batch())) {
      checkers.add(new CommittedOffsetChecker(bootstrapServers, lane, index, fates));
    }
    timeline.event(
        "topics applied (lanes "
            + fleet.realtime().name()
            + " and "
            + fleet.batch().name()
            + "), dependency at "
            + dependency.workUri());
  }

  /** Starts {@code --workers-per-zone} workers in every zone; returns once all run their lanes. */
  void startAllWorkers() {
    List<ZoneWorker> started = new ArrayList<>();
    for (String zone : ZONES) {
      for (int i = 0; i < options.workersPerZone(); i++) {
        started.add(launch(zone));
      }
    }
    awaitRunning(started);
  }

  /** Starts {@code count} new workers in {@code zone}; returns once they run their lanes. */
  List<ZoneWorker> startWorkers(String zone, int count) {
    List<ZoneWorker> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      started.add(launch(zone));
    }
    awaitRunning(started);
    return started;
  }

  /** The live workers of {@code zone}, oldest first. */
  List<ZoneWorker> liveWorkers(String zone) {
    return workers.stream()
        .filter(worker -> worker.zone().equals(zone) && worker.process().isAlive())
        .toList();
  }

  /** The cluster the drill started; refused on the user's cluster, where no node is ours. */
  KafkaCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the drill runs on " + bootstrapServers + ", not its own");
    }
    return cluster;
  }

  /** The zones' network; refused unless the rig was started in one. */
  ZoneNetwork network() {
    if (network == null) {
      throw new IllegalStateException("this drill's zones are not network namespaces");
    }
    return network;
  }

  ClusterNode node(String zone) {
    return cluster().node(zone);
  }

  FlakyHttpService dependency() {
    return dependency;
  }

  DrillOptions options() {
    return options;
  }

  DrillProducer realtime() {
    return realtime;
  }

  DrillProducer batch() {
    return batch;
  }

  TaskWaits waits() {
    return waits;
  }

  Timeline timeline() {
    return timeline;
  }

  /** Every task either producer got acknowledged. */
  Set<String> produced() {
    Set<String> all = new java.util.HashSet<>(realtime.produced());
    all.addAll(batch.produced());
    return all;
  }

  /** Produced tasks not yet completed at the dependency nor dead-lettered. */
  int pending() {
    int pending = 0;
    for (String id : produced()) {
      pending += fates.isDone(id) ? 0 : 1;
    }
    return pending;
  }

  /** Waits until every produced task is done; false (not an exception) after {@code timeout}. */
  boolean awaitAllDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LanesProcess.sleep(Duration.ofMillis(250));
    }
    return true;
  }

  /** SIGTERM to every live worker at once, then waits for each to drain and exit. */
  void stopAllWorkers() {
    List<ZoneWorker> live = workers.stream().filter(w -> w.process().isAlive()).toList();
    List<Thread> stopping = new ArrayList<>();
    for (ZoneWorker worker : live) {
      Thread thread = new Thread(() -> worker.process().terminate(WORKER_STOP), worker.name());
      thread.start();
      stopping.add(thread);
    }
    for (Thread thread : stopping) {
      try {
        thread.join(WORKER_STOP.plusSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted stopping workers", e);
      }
    }
  }

  /** Takes each checker's last sample (workers stopped) and reports on every produced task. */
  DrillReport report(String scenario) {
    for (CommittedOffsetChecker checker : checkers) {
      checker.finish();
    }
    return DrillReport.of(scenario, produced(), fates);
  }

  /** What the committed-offset checkers found: empty when at-least-once held. */
  List<String> offsetViolations() {
    return checkers.stream().flatMap(checker -> checker.violations().stream()).toList();
  }

  String checkerSummary() {
    return checkers.stream().map(CommittedOffsetChecker::summary).collect(Collectors.joining("; "));
  }

  /** The last lines of every worker's output, for a failure message. */
  String workerOutput() {
    StringBuilder out = new StringBuilder();
    for (ZoneWorker worker : workers) {
      out.append("--- ").append(worker.name()).append(" (").append(worker.zone()).append(") ---\n");
      out.append(worker.process().tail(20));
    }
    return out.toString();
  }

  @Override
  public void close() {
    killLiveWorkers();
    try {
      Runtime.getRuntime().removeShutdownHook(killWorkersOnExit);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting and the hook runs (or ran) anyway.
    }
    closeQuietly(realtime);
    closeQuietly(batch);
    checkers.forEach(ZoneRig::closeQuietly);
    closeQuietly(dependency);
    closeQuietly(cluster);
    // After the cluster: its nodes stop cleanly only while they can reach each other.
    closeQuietly(network);
  }

  private void killLiveWorkers() {
    for (ZoneWorker worker : workers) {
      if (worker.process().isAlive()) {
        worker.process().kill();
      }
    }
  }

  private ZoneWorker launch(String zone) {
    String name = "w" + (workers.size() + 1);
    List<String> args = cli("run", "--http-port", "0");
    // Rack-aware fetching from the zone's own node, as a worker deployed there would be set up;
    // on the user's cluster the zones are only names, so no rack is claimed.
    Map<String, String> env = cluster == null ? Map.of() : Map.of("LANES_KAFKA_CLIENT_RACK", zone);
    List<String> prefix = network == null ? List.of() : network.commandPrefix(zone);
    ZoneWorker worker =
        new ZoneWorker(name, zone, LanesProcess.start(name, dir, args, env, prefix));
    workers.add(worker);
    return worker;
  }

  private void awaitRunning(List<ZoneWorker> started) {
    for (ZoneWorker worker : started) {
      worker.process().awaitOutput("lanes: running lanes", WORKER_START);
    }
    Map<String, List<String>> byZone =
        started.stream()
            .collect(
                Collectors.groupingBy(
                    ZoneWorker::zone,
                    java.util.TreeMap::new,
                    Collectors.mapping(ZoneWorker::name, Collectors.toList())));
    byZone.forEach(
        (zone, names) -> timeline.event("started " + String.join(", ", names) + " in " + zone));
  }

  private void succeeded(URI call) {
    String id = idOf(call);
    fates.completed(id);
    if (id.startsWith(REALTIME_PREFIX)) {
      waits.called(id, System.currentTimeMillis());
    }
  }

  private List<String> cli(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of("--bootstrap-server", bootstrapServers, "--config", fleet.file().toString()));
    return args;
  }

  private String describeNodes() {
    return cluster.nodes().stream()
        .map(node -> "node " + node.id() + " in " + node.zone())
        .collect(Collectors.joining(", "));
  }

  private static String idOf(URI uri) {
    String query = uri.getQuery();
    if (query == null || !query.startsWith("id=")) {
      throw new IllegalArgumentException("a drill call without ?id=: " + uri);
    }
    return query.substring("id=".length());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("lanes drill: cannot close " + closeable + ": " + e);
    }
  }
}
