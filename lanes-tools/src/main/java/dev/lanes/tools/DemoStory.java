package dev.lanes.tools;

import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.app.ExitCodes;
import dev.lanes.app.LaneReport;
import dev.lanes.app.config.LanesConfig;
import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.testkit.fake.FlakyHttpService;
import dev.lanes.topics.ProvisioningReport;
import dev.lanes.topics.TopicCatalog;
import dev.lanes.topics.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What {@code lanes demo} runs: a local broker (or a given cluster), a fake flaky dependency, the
 * realtime and batch lanes, and a story told in plain lines: a mix of tasks with retries and dead
 * letters, then a CPU-bound batch burst makes batch yield to realtime and grow back, then the
 * dependency fails (the breaker opens, partitions pause, probes) and recovers. Ends with the books
 * balanced: produced = completed + dead-lettered. Exits 0 when they balance.
 */
final class DemoStory {

  /** The dependency the demo's http tasks call. */
  static final String DEPENDENCY = "http";

  private static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration BREAKER_DELAY = Duration.ofSeconds(2);
  private static final Duration OUTAGE_TRAFFIC_INTERVAL = Duration.ofMillis(100);

  private final DemoOptions options;
  private final PrintStream out;
  private final DemoConsole console;

  /**
   * @param console what to do after the story with the broker still up ({@code --console}), or null
   *     to stop it
   */
  DemoStory(DemoOptions options, PrintStream out, DemoConsole console) {
    this.options = options;
    this.out = out;
    this.console = console;
  }

  int run() throws InterruptedException {
    long started = System.nanoTime();
    DemoNarrator narrator = DemoNarrator.attach(out, started);
    try (KafkaConnection kafka = KafkaConnection.open(options.bootstrapServers());
        FlakyHttpService dependency = FlakyHttpService.start(0)) {
      narrator.say(
          (kafka.isLocal() ? "started a local Kafka broker at " : "using Kafka at ")
              + kafka.bootstrapServers()
              + "; fake dependency '"
              + DEPENDENCY
              + "' at "
              + dependency.workUri());
      LanesConfig config = LanesConfig.defaults();
      TopicCatalog catalog = provision(kafka, config.catalog(), narrator);
      List<LaneConfig> lanes =
          config.laneConfigs(catalog).stream().map(DemoStory::withDemoObjective).toList();

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      LanesRuntime.Builder builder =
          LanesRuntime.builder()
              .bootstrapServers(kafka.bootstrapServers())
              .handlers(
                  DiagnosticHandlers.registerAll(HandlerRegistry.builder())
                      .register(DemoWorkload.BURN, DemoWorkload::burn)
                      .build())
              .dependency(
                  DEPENDENCY,
                  DependencyPolicy.withBreaker(BreakerPolicy.failures(3).withDelay(BREAKER_DELAY)))
              .meterRegistry(registry);
      lanes.forEach(builder::lane);
      LanesRuntime runtime = builder.build().start();
      // SIGTERM: finish in-flight tasks and commit, then stop the local broker (deleting its data).
      Thread stopOnSignal =
          new Thread(
              () -> {
                runtime.close();
                kafka.close();
              },
              "lanes-shutdown");
      Runtime.getRuntime().addShutdownHook(stopOnSignal);

      Map<String, Integer> produced = produceMix(kafka, catalog, dependency, narrator);
      boolean healthy = awaitDrained(registry, produced);
      new DemoYieldChapter(registry, narrator, batchThreads(lanes))
          .run(
              kafka,
              mainTopic(catalog, TopicCatalog.REALTIME),
              mainTopic(catalog, TopicCatalog.BATCH),
              produced);
      healthy = healthy && awaitDrained(registry, produced);
      long outageCalls = outage(kafka, catalog, dependency, narrator, produced);
      boolean drained = healthy && awaitDrained(registry, produced);
      runtime.close();
      Runtime.getRuntime().removeShutdownHook(stopOnSignal);
      int status = report(registry, produced, narrator, outageCalls, drained, started);
      if (console != null) {
        console.serveUntilStopped(kafka.bootstrapServers(), lanes);
      }
      return status;
    } finally {
      narrator.detach();
    }
  }

  private Map<String, Integer> produceMix(
      KafkaConnection kafka,
      TopicCatalog catalog,
      FlakyHttpService dependency,
      DemoNarrator narrator) {
    DemoWorkload workload = new DemoWorkload();
    int count = options.tasksPerLane();
    List<ProducerRecord<String, byte[]>> realtime =
        workload.realtime(mainTopic(catalog, TopicCatalog.REALTIME), count, url(dependency));
    List<ProducerRecord<String, byte[]>> batch =
        workload.batch(mainTopic(catalog, TopicCatalog.BATCH), count);
    try (TaskProducer producer = new TaskProducer(kafka.bootstrapServers())) {
      // Batch first: its backlog is already queued when realtime work arrives.
      producer.sendAll(batch);
      producer.sendAll(realtime);
    }
    narrator.say(
        String.format(
            "produced %d realtime tasks (every 10th calls the dependency) and %d batch records"
                + " (some fail twice then succeed, some fail for good, 2 are not tasks)",
            realtime.size(), batch.size()));
    Map<String, Integer> produced = new LinkedHashMap<>();
    produced.put(TopicCatalog.REALTIME, realtime.size());
    produced.put(TopicCatalog.BATCH, batch.size());
    return produced;
  }

  /**
   * Breaks the dependency while realtime keeps sending it tasks, then heals it. Returns the calls
   * it received while broken.
   */
  private long outage(
      KafkaConnection kafka,
      TopicCatalog catalog,
      FlakyHttpService dependency,
      DemoNarrator narrator,
      Map<String, Integer> produced) {
    narrator.say(
        "breaking the dependency for "
            + options.outage().toSeconds()
            + " s: every call now answers 503, while 10 http tasks a second keep coming");
    dependency.failWith(503, 1.0);
    long callsBefore = dependency.calls();
    String topic = mainTopic(catalog, TopicCatalog.REALTIME);
    DemoWorkload workload = new DemoWorkload();
    int sent = 0;
    try (TaskProducer producer = new TaskProducer(kafka.bootstrapServers())) {
      long end = System.nanoTime() + options.outage().toNanos();
      while (System.nanoTime() - end < 0) {
        producer.sendAll(
            List.of(
                workload.record(
                    topic, "user-" + sent % 20, DemoWorkload.httpTask(url(dependency)))));
        sent++;
        pause(OUTAGE_TRAFFIC_INTERVAL);
      }
    }
    long callsWhileBroken = dependency.calls() - callsBefore;
    dependency.recover();
    narrator.say(
        "healing the dependency: it answered "
            + callsWhileBroken
            + " calls while broken, for "
            + sent
            + " tasks that needed it");
    produced.merge(TopicCatalog.REALTIME, sent, Integer::sum);
    return callsWhileBroken;
  }

  private int report(
      SimpleMeterRegistry registry,
      Map<String, Integer> produced,
      DemoNarrator narrator,
      long outageCalls,
      boolean drained,
      long started) {
    out.println();
    LaneReport.printHeader(out);
    long total = 0;
    long completed = 0;
    long deadLettered = 0;
    for (Map.Entry<String, Integer> lane : produced.entrySet()) {
      LaneReport report = LaneReport.read(registry, lane.getKey());
      report.print(out, lane.getValue());
      total += lane.getValue();
      completed += report.succeeded();
      deadLettered += report.deadLettered();
    }
    long lost = total - completed - deadLettered;
    out.printf(
        "%nlanes: produced %d = completed %d + dead-lettered %d; lost %d%n",
        total, completed, deadLettered, Math.max(0, lost));
    out.printf(
        "lanes: the broken dependency got %d calls while broken (those that opened the breaker,"
            + " then probes), not one per task and retry%n",
        outageCalls);
    out.println("lanes: " + narrator.omitted());
    boolean balanced = drained && lost == 0;
    out.printf(
        "lanes: %s in %.1f s%n",
        balanced ? "all records processed" : "some records were still pending",
        (System.nanoTime() - started) / 1e9);
    return balanced ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Realtime's objective tightened from 2 s to {@link DemoYieldChapter#REALTIME_MAX_WAIT}: then a
   * burst small enough for a short demo shows batch yielding, on any machine.
   */
  private static LaneConfig withDemoObjective(LaneConfig lane) {
    return lane.name().equals(TopicCatalog.REALTIME)
        ? lane.withMaxWait(DemoYieldChapter.REALTIME_MAX_WAIT)
        : lane;
  }

  private static int batchThreads(List<LaneConfig> lanes) {
    return lanes.stream()
        .filter(lane -> lane.name().equals(TopicCatalog.BATCH))
        .mapToInt(LaneConfig::concurrency)
        .findFirst()
        .orElseThrow();
  }

  private static String mainTopic(TopicCatalog catalog, String lane) {
    return catalog.lane(lane).main().name();
  }

  private static String url(FlakyHttpService dependency) {
    return dependency.workUri().toString();
  }

  private static void pause(Duration duration) {
    try {
      TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Creates missing topics, with as many replicas as the cluster can hold, up to three. */
  private TopicCatalog provision(
      KafkaConnection kafka, TopicCatalog wanted, DemoNarrator narrator) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicCatalog catalog = wanted;
      int brokers = brokerCount(admin);
      if (brokers < 3) {
        catalog = catalog.withReplication((short) brokers, 1);
      }
      ProvisioningReport report =
          new TopicProvisioner(admin, PROVISION_TIMEOUT).provisionLanes(catalog.lanes());
      narrator.say(report.summary());
      return catalog;
    }
  }

  private static int brokerCount(Admin admin) {
    try {
      return admin
          .describeCluster()
          .nodes()
          .get(PROVISION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka to count its brokers: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting brokers", e);
    }
  }

  private static boolean awaitDrained(SimpleMeterRegistry registry, Map<String, Integer> produced) {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      boolean drained =
          produced.entrySet().stream()
              .allMatch(e -> LaneReport.read(registry, e.getKey()).finished() >= e.getValue());
      if (drained) {
        return true;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
