package dev.lanes.app;

/** Starts a {@link LocalKafka}; a {@link java.util.ServiceLoader} service, one in lanes-tools. */
public interface LocalKafkaProvider {

  /** A broker on 127.0.0.1 that is ready for clients, with its data in a temporary directory. */
  LocalKafka start();
}
