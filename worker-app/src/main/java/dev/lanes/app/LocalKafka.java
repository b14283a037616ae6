package dev.lanes.app;

import java.util.ServiceLoader;

/**
 * A single-node Kafka broker started in this process for local work ({@code lanes run --embedded}).
 * The broker itself is in the tools ({@code lanes-tools}, with {@code kafka_2.13}), found through
 * {@link LocalKafkaProvider}; the worker distribution has none and says so.
 */
public interface LocalKafka extends AutoCloseable {

  String bootstrapServers();

  @Override
  void close();

  /**
   * Starts a local broker; {@code neededBy} (such as {@code run --embedded}) names what asked for
   * it in the error a distribution without the tools gives.
   */
  static LocalKafka start(String neededBy) {
    LocalKafkaProvider provider =
        ServiceLoader.load(LocalKafkaProvider.class)
            .findFirst()
            .orElseThrow(
                () ->
                    new UsageException(
                        neededBy
                            + " needs a local Kafka broker, which is not in this distribution: "
                            + ToolCommands.WHERE
                            + "; or connect to a running cluster with --bootstrap-server"));
    return provider.start();
  }
}
