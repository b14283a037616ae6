package dev.lanes.testkit;

import dev.lanes.embedded.EmbeddedKafkaBroker;
import org.testcontainers.kafka.KafkaContainer;

/** A broker obtained from one {@link KafkaSource}, with the means to release it. */
final class RunningKafka implements AutoCloseable {

  /** The Docker image used when the source is Testcontainers. */
  static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

  private final String bootstrapServers;
  private final KafkaSource source;
  private final Runnable release;

  private RunningKafka(String bootstrapServers, KafkaSource source, Runnable release) {
    this.bootstrapServers = bootstrapServers;
    this.source = source;
    this.release = release;
  }

  /**
   * Starts (or, for an external cluster, just names) a broker from {@code source}; {@code
   * externalBootstrapServers} is only read for {@link KafkaSource#EXTERNAL}.
   */
  static RunningKafka launch(KafkaSource source, String externalBootstrapServers) {
    return switch (source) {
      // Not ours to stop: the cluster outlives the test run.
      case EXTERNAL -> new RunningKafka(externalBootstrapServers.trim(), source, () -> {});
      case TESTCONTAINERS -> startContainer();
      case EMBEDDED -> {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        yield new RunningKafka(broker.bootstrapServers(), source, broker::close);
      }
    };
  }

  private static RunningKafka startContainer() {
    KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
    try {
      container.start();
    } catch (RuntimeException e) {
      // A half-started container would otherwise linger until Testcontainers' reaper finds it.
      container.stop();
      throw e;
    }
    return new RunningKafka(
        container.getBootstrapServers(), KafkaSource.TESTCONTAINERS, container::stop);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  KafkaSource source() {
    return source;
  }

  @Override
  public void close() {
    release.run();
  }
}
