package dev.lanes.tools;

import dev.lanes.embedded.EmbeddedKafkaBroker;

/** The cluster the app talks to: one the user named, or a local embedded broker it owns. */
final class KafkaConnection implements AutoCloseable {

  private final String bootstrapServers;
  private final EmbeddedKafkaBroker localBroker;

  private KafkaConnection(String bootstrapServers, EmbeddedKafkaBroker localBroker) {
    this.bootstrapServers = bootstrapServers;
    this.localBroker = localBroker;
  }

  /** Connects to {@code bootstrapServers}, or starts a local broker when it is null. */
  static KafkaConnection open(String bootstrapServers) {
    if (bootstrapServers != null) {
      return new KafkaConnection(bootstrapServers, null);
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    return new KafkaConnection(broker.bootstrapServers(), broker);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** A local single broker can hold one replica of each topic, not three. */
  boolean isLocal() {
    return localBroker != null;
  }

  @Override
  public void close() {
    if (localBroker != null) {
      localBroker.close();
    }
  }
}
