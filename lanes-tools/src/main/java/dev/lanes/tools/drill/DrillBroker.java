package dev.lanes.tools.drill;

import dev.lanes.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;

/**
 * The drill's broker, in the test JVM, with its data in a directory the drill owns, so it can be
 * stopped and started again at the same address with its topics, records and committed offsets.
 */
final class DrillBroker implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final String bootstrapServers;
  private EmbeddedKafkaBroker broker;

  private DrillBroker(Path dir, EmbeddedKafkaBroker broker) {
    this.dir = dir;
    this.broker = broker;
    this.bootstrapServers = broker.bootstrapServers();
    this.port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
  }

  static DrillBroker start(Path dir) {
    return new DrillBroker(dir, EmbeddedKafkaBroker.start(dir, 0));
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** Shuts the broker down; clients see connections refused until {@link #restart()}. */
  synchronized void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  synchronized void restart() {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.start(dir, port);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
