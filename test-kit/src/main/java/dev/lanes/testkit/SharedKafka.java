package dev.lanes.testkit;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one broker of a test run plus its shared admin client; closing it releases both. */
final class SharedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);

  private final RunningKafka running;
  private final Admin admin;
  private final TestKafka testKafka;

  private SharedKafka(RunningKafka running, Admin admin) {
    this.running = running;
    this.admin = admin;
    this.testKafka = new TestKafka(running.bootstrapServers(), running.source(), admin);
  }

  /** Picks the source from the environment (see {@link KafkaSource#select}) and starts it. */
  static SharedKafka startFromEnvironment() {
    long startedAt = System.nanoTime();
    String external = System.getenv(KafkaSource.BOOTSTRAP_ENV);
    KafkaSource source = KafkaSource.select(external, DockerProbe::isDockerAvailable);
    RunningKafka running = RunningKafka.launch(source, external);
    try {
      Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers()));
      log.info(
          "Kafka for tests source={} bootstrapServers={} reason=\"{}\" readyMs={}",
          source.label(),
          running.bootstrapServers(),
          source.selectionReason(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
      return new SharedKafka(running, admin);
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  TestKafka testKafka() {
    return testKafka;
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      running.close();
    }
  }
}
