package dev.lanes.testkit;

import java.util.function.BooleanSupplier;

/** Where the broker for a test run comes from, in order of preference. */
enum KafkaSource {
  /** A cluster someone else runs, named by {@link #BOOTSTRAP_ENV}; e.g. a CI service container. */
  EXTERNAL("external"),
  /** A broker in a Docker container, started by Testcontainers. */
  TESTCONTAINERS("testcontainers"),
  /** A broker inside this JVM; needs nothing installed. */
  EMBEDDED("embedded");

  /** The environment variable naming an external cluster's bootstrap servers. */
  static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  private final String label;

  KafkaSource(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Why {@link #select} picks this source, for the log line that announces it. */
  String selectionReason() {
    return switch (this) {
      case EXTERNAL -> BOOTSTRAP_ENV + " is set";
      case TESTCONTAINERS -> BOOTSTRAP_ENV + " is unset and Docker is available";
      case EMBEDDED -> BOOTSTRAP_ENV + " is unset and Docker is not available";
    };
  }

  /**
   * Picks the source: an external cluster if its bootstrap address is given, else Docker if a
   * daemon answers, else the embedded broker. Docker is only asked when needed, because the check
   * talks to the daemon.
   */
  static KafkaSource select(String externalBootstrapServers, BooleanSupplier dockerAvailable) {
    if (externalBootstrapServers != null && !externalBootstrapServers.isBlank()) {
      return EXTERNAL;
    }
    return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
  }
}
