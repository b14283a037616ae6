package dev.lanes.versions;

import java.util.List;

/**
 * The oldest version of each library Lanes calls that has every API it calls: the one place these
 * minimums live. Raise one when the code starts using something newer, and say what.
 */
public final class RequiredVersions {

  public static final String KAFKA_CLIENTS = "kafka-clients";
  public static final String MICROMETER_CORE = "micrometer-core";
  public static final String JACKSON_CORE = "jackson-core";
  public static final String JACKSON_DATABIND = "jackson-databind";
  public static final String FAILSAFE = "failsafe";

  /** A library, the oldest version that will do, and the newest API of it that Lanes uses. */
  public record Requirement(String library, String minimum, String because) {}

  static final List<Requirement> ALL =
      List.of(
          // Consumer.close(CloseOptions), KIP-1092.
          new Requirement(KAFKA_CLIENTS, "4.1.0", "Consumer.close(CloseOptions)"),
          // A Parallel Consumer dependency brings 1.13: build() then failed deep inside it.
          new Requirement(MICROMETER_CORE, "1.14.0", "KafkaClientMetrics(client, tags, scheduler)"),
          new Requirement(JACKSON_CORE, "2.13.0", "JsonParser.currentLocation()"),
          new Requirement(JACKSON_DATABIND, "2.13.0", "the jackson-core it needs"),
          new Requirement(FAILSAFE, "3.2.1", "Bulkhead, ExecutionEvent.getLastException()"));

  private RequiredVersions() {}

  public static List<Requirement> all() {
    return ALL;
  }
}
