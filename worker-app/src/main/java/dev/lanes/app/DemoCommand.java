package dev.lanes.app;

import dev.lanes.DependencyPolicy;
import dev.lanes.LaneConfig;
import dev.lanes.LanesRuntime;
import dev.lanes.diagnostics.DiagnosticHandlers;
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
 * {@code lanes demo}: broker, topics, both default lanes, a mix of diagnostic tasks, a report per
 * lane. Exits 0 when every record was processed, 1 when some were still pending at the deadline.
 */
final class DemoCommand {

  private static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

  private final DemoOptions options;
  private final PrintStream out;

  DemoCommand(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  int run() {
    long started = System.nanoTime();
    try (KafkaConnection kafka = KafkaConnection.open(options.bootstrapServers())) {
      out.printf(
          "lanes: %s Kafka at %s%n",
          kafka.isLocal() ? "started a local" : "using", kafka.bootstrapServers());
      TopicCatalog catalog = TopicCatalog.defaults();
      List<LaneConfig> lanes = AppLanes.defaults(catalog);
      catalog = provision(kafka, AppLanes.withRetryTopics(catalog, lanes));

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      LanesRuntime.Builder builder =
          LanesRuntime.builder()
              .bootstrapServers(kafka.bootstrapServers())
              .handlers(DiagnosticHandlers.registry())
              // The dependency the built-in http task calls by default.
              .dependency("http", DependencyPolicy.defaults())
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

      Map<String, Integer> produced = produce(kafka, catalog);
      boolean drained = awaitDrained(registry, produced);
      runtime.close();
      Runtime.getRuntime().removeShutdownHook(stopOnSignal);

      out.println();
      LaneReport.printHeader(out);
      produced.forEach((lane, count) -> LaneReport.read(registry, lane).print(out, count));
      out.printf(
          "%nlanes: %s in %.1f s%n",
          drained ? "all records processed" : "some records were still pending",
          (System.nanoTime() - started) / 1e9);
      return drained ? 0 : 1;
    }
  }

  /** Creates missing topics, with as many replicas as the cluster can hold, up to three. */
  private TopicCatalog provision(KafkaConnection kafka, TopicCatalog wanted) {
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
      out.println("lanes: " + report.summary());
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

  private Map<String, Integer> produce(KafkaConnection kafka, TopicCatalog catalog) {
    DemoWorkload workload = new DemoWorkload();
    int count = options.tasksPerLane();
    List<ProducerRecord<String, byte[]>> realtime =
        workload.realtime(catalog.lane(TopicCatalog.REALTIME).main().name(), count);
    List<ProducerRecord<String, byte[]>> batch =
        workload.batch(catalog.lane(TopicCatalog.BATCH).main().name(), count);
    try (TaskProducer producer = new TaskProducer(kafka.bootstrapServers())) {
      // Batch first: its backlog is already queued when realtime work arrives.
      producer.sendAll(batch);
      producer.sendAll(realtime);
    }
    out.printf("lanes: produced %d realtime and %d batch records%n", realtime.size(), batch.size());
    Map<String, Integer> produced = new LinkedHashMap<>();
    produced.put(TopicCatalog.REALTIME, realtime.size());
    produced.put(TopicCatalog.BATCH, batch.size());
    return produced;
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
