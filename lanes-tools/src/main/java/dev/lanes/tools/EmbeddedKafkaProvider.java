package dev.lanes.tools;

import dev.lanes.app.LocalKafka;
import dev.lanes.app.LocalKafkaProvider;
import dev.lanes.embedded.EmbeddedKafkaBroker;

/** The broker behind {@code lanes run --embedded}: embedded-kafka's, with throwaway data. */
public final class EmbeddedKafkaProvider implements LocalKafkaProvider {

  @Override
  public LocalKafka start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    return new LocalKafka() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public void close() {
        broker.close();
      }
    };
  }
}
