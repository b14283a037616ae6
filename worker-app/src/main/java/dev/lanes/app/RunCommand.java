package dev.lanes.app;

import dev.lanes.LaneHealth;
import dev.lanes.LanesRuntime;
import dev.lanes.app.config.ConfigException;
import dev.lanes.app.config.LanesConfig;
import dev.lanes.app.http.BrokerProbe;
import dev.lanes.app.http.HealthServer;
import dev.lanes.app.http.HealthServerConfig;
import dev.lanes.app.http.Observability;
import dev.lanes.topics.ProvisioningReport;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lanes run}: a worker process running the chosen lanes until SIGTERM. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the chosen lanes with the built-in handlers and every HandlerProvider found on the"
          + " class path or in --handlers-dir, serving /health/live, /health/ready and /metrics.",
      "Creates missing topics first; drift from the catalog is an error. SIGTERM (Ctrl-C) drains"
          + " in-flight tasks, commits and stops."
    })
final class RunCommand implements Callable<Integer> {

  @ParentCommand private LanesCommand parent;
  @Mixin private ClusterOptions cluster;
  @Mixin private TimeoutOption timeout;

  @Option(
      names = "--lanes",
      split = ",",
      paramLabel = "LANE",
      description = "Lanes to run (default: every lane of the config).")
  private List<String> lanes;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      description = "Port of the health and metrics endpoints (default: the config's, 8080).")
  private Integer httpPort;

  @Option(
      names = "--embedded",
      description =
          "Start a local broker in this process instead of connecting to one (needs the tools:"
              + " ./lanes or lanes-tools).")
  private boolean embedded;

  @Option(
      names = "--handlers-dir",
      paramLabel = "DIR",
      description = "A directory of jars with HandlerProvider implementations to load.")
  private Path handlersDir;

  @Option(
      names = "--exit-when-idle",
      paramLabel = "SECONDS",
      description =
          "Stop (draining and committing) once every lane has had no lag for this long (>= 0):"
              + " for batch jobs and tests.")
  private Integer exitWhenIdleSeconds;

  @Option(
      names = "--worker-id",
      paramLabel = "ID",
      description =
          "A stable id for this worker, unique in the fleet (default: $LANES_WORKER_ID; without"
              + " either, host-pid). Given, the lanes' consumers are static group members: a"
              + " restart with the same id within session.timeout.ms gets its partitions back"
              + " without a rebalance. ASCII letters, digits, '.', '_' and '-'.")
  private String workerId;

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    Thread hook = registerShutdownHook();
    try {
      return runUntilStopped();
    } finally {
      removeShutdownHook(hook);
    }
  }

  private int runUntilStopped() throws InterruptedException {
    LanesConfig config = configure();
    Optional<String> staticId = staticWorkerId(config);
    Duration kafkaTimeout = timeout.value();
    PrintStream out = parent.out();
    HandlerDiscovery.Discovered handlers = HandlerDiscovery.discover(handlersDir);
    try (LocalBroker broker = LocalBroker.startIf(embedded);
        Observability observability = Observability.start()) {
      String bootstrap =
          broker.bootstrapServers().orElseGet(() -> ClusterOptions.bootstrap(config, parent.err()));
      Map<String, Object> client = ClusterOptions.clientProperties(config, bootstrap);
      // Bound first, so probes meet "starting" (503) instead of a refused connection while the
      // topics are checked and the lanes join; scrapes get the JVM's metrics meanwhile.
      try (BrokerProbe probe = BrokerProbe.connect(client);
          HealthServer server =
              HealthServer.startBeforeRuntime(
                  HealthServerConfig.onPort(config.httpPort()), probe, observability.registry())) {
        out.printf(
            "lanes: starting against %s; health and metrics on port %d (503 until started)%n",
            bootstrap, server.port());
        Map<String, Object> startupClient = timeout.applyTo(client);
        ClusterReach.require(startupClient, bootstrap, kafkaTimeout);
        TopicCatalog catalog = provision(config, startupClient);

        LanesRuntime.Builder builder =
            LanesRuntime.builder()
                .bootstrapServers(bootstrap)
                .handlers(handlers.handlers())
                .meterRegistry(observability.registry())
                .fleetInterval(config.fleetInterval());
        staticId.ifPresent(id -> builder.workerId(id).staticMembership(true));
        config.kafkaProperties().forEach(builder::clientProperty);
        config.dependencies().forEach(builder::dependency);
        config.laneConfigs(catalog).forEach(builder::lane);
        try (LanesRuntime runtime = builder.build().start()) {
          server.runtimeStarted(runtime::health);
          staticId.ifPresent(
              id ->
                  out.printf(
                      "lanes: worker %s is a static group member (group.instance.id"
                          + " %s.<lane>.<loop>): a restart within session.timeout.ms moves no"
                          + " partition%n",
                      id, id));
          out.printf(
              "lanes: running lanes %s against %s; handlers %s%s; health and metrics on port %d"
                  + " (Ctrl-C drains and stops)%n",
              config.laneNames(),
              bootstrap,
              handlers.handlers().types(),
              handlers.providers().isEmpty() ? "" : " from " + handlers.providers(),
              server.port());
          awaitStop(runtime);
          out.println("lanes: stopping: draining in-flight tasks and committing");
        }
      }
      printCounts(observability, config, out);
    }
    return ExitCodes.OK;
  }

  private LanesConfig configure() {
    if (exitWhenIdleSeconds != null && exitWhenIdleSeconds < 0) {
      throw new UsageException("--exit-when-idle must be >= 0 seconds, was " + exitWhenIdleSeconds);
    }
    LanesConfig config = cluster.load(parent.env());
    try {
      if (lanes != null) {
        config = config.withOnlyLanes(lanes);
      }
      if (httpPort != null) {
        config = config.withHttpPort(httpPort);
      }
    } catch (ConfigException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    return config;
  }

  /**
   * The operator's worker id ({@code --worker-id} over {@code LANES_WORKER_ID}), checked against
   * Kafka's rule for the lanes' {@code group.instance.id}s before anything starts.
   */
  private Optional<String> staticWorkerId(LanesConfig config) {
    if (workerId != null && workerId.isBlank()) {
      throw new UsageException("--worker-id must not be blank, was '" + workerId + "'");
    }
    // A blank variable counts as unset, as with every LANES_ variable.
    Optional<String> id =
        Optional.ofNullable(workerId)
            .or(() -> Optional.ofNullable(parent.env().get(LanesConfig.WORKER_ID_VARIABLE)))
            .filter(value -> !value.isBlank());
    id.ifPresent(
        value -> {
          LanesRuntime.Builder check = LanesRuntime.builder().staticMembership(true);
          try {
            check.workerId(value);
            config.laneConfigs(config.catalog()).forEach(check::lane);
            check.checkMembership();
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
          }
        });
    return id;
  }

  /** Creates the lanes' missing topics; drift means the cluster is not what we would run on. */
  private TopicCatalog provision(LanesConfig config, Map<String, Object> client) {
    try (Admin admin = Provisioning.admin(client)) {
      TopicCatalog catalog =
          Provisioning.fitToCluster(
              config.catalog(), config.replicationFactor(), admin, parent.err());
      ProvisioningReport report =
          new TopicProvisioner(admin, Provisioning.TIMEOUT).provisionCatalog(catalog);
      parent.out().println("lanes: " + report.summary());
      if (report.hasDrift()) {
        throw new IllegalStateException(
            "the lanes' topics differ from the catalog (see above); fix the topics or the"
                + " config, then run again ('lanes topics describe' shows the difference)");
      }
      return catalog;
    }
  }

  /** Until SIGTERM, or until idle when asked. */
  private void awaitStop(LanesRuntime runtime) throws InterruptedException {
    if (exitWhenIdleSeconds == null) {
      stop.await();
    } else {
      awaitIdle(runtime, stop, Duration.ofSeconds(exitWhenIdleSeconds));
    }
    runtime.close();
  }

  /**
   * SIGTERM ends the wait; the JVM then exits only once this command has drained, committed and
   * printed its counts, with the command's own status (see {@link ExitStatus}).
   */
  private Thread registerShutdownHook() {
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              ExitStatus.haltWhenDecided(Duration.ofMinutes(2));
            },
            "lanes-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs and sees this command finished.
    }
  }

  /** Returns once every lane has joined, has no lag and nothing in flight, for {@code idle}. */
  private static void awaitIdle(LanesRuntime runtime, CountDownLatch stop, Duration idle)
      throws InterruptedException {
    long idleSince = System.nanoTime();
    while (!stop.await(200, TimeUnit.MILLISECONDS)) {
      if (!isIdle(runtime)) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince >= idle.toNanos()) {
        return;
      }
    }
  }

  private static boolean isIdle(LanesRuntime runtime) {
    for (LaneHealth lane : runtime.health().lanes()) {
      if (!lane.joined() || lane.lag() > 0 || lane.inFlight() > 0) {
        return false;
      }
    }
    return true;
  }

  private static void printCounts(
      Observability observability, LanesConfig config, PrintStream out) {
    out.println();
    out.printf(
        "%-10s %9s %9s %13s %9s%n", "lane", "succeeded", "retried", "dead-letters", "rejected");
    for (String lane : config.laneNames()) {
      LaneReport report = LaneReport.read(observability.registry(), lane);
      out.printf(
          "%-10s %9d %9d %13d %9d%n",
          lane, report.succeeded(), report.retried(), report.deadLettered(), report.rejected());
    }
  }

  /** The broker {@code --embedded} starts, or none. */
  private record LocalBroker(LocalKafka broker) implements AutoCloseable {

    static LocalBroker startIf(boolean embedded) {
      return new LocalBroker(embedded ? LocalKafka.start("run --embedded") : null);
    }

    Optional<String> bootstrapServers() {
      return Optional.ofNullable(broker).map(LocalKafka::bootstrapServers);
    }

    @Override
    public void close() {
      if (broker != null) {
        broker.close();
      }
    }
  }
}
