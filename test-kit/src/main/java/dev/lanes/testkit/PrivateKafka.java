package dev.lanes.testkit;

import dev.lanes.embedded.EmbeddedKafkaBroker;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A broker of one test class's own, embedded in the JVM (about 3 s to start), for the few tests
 * that need fixed topic names: fleet topics nobody else writes to, or names a screenshot shows.
 * Every other test shares the run's broker through {@link KafkaTest} and {@link
 * TestKafka#uniqueName}, which is cheaper. Close it when the class is done.
 */
public final class PrivateKafka implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final Admin admin;
  private final TestKafka kafka;

  private PrivateKafka(EmbeddedKafkaBroker broker, Admin admin) {
    this.broker = broker;
    this.admin = admin;
    this.kafka = new TestKafka(broker.bootstrapServers(), KafkaSource.EMBEDDED, admin);
  }

  /** Starts the broker; returns once it serves clients. */
  public static PrivateKafka start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    try {
      return new PrivateKafka(
          broker,
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** The broker with the usual test shortcuts; no other class writes to it. */
  public TestKafka kafka() {
    return kafka;
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      broker.close();
    }
  }
}
