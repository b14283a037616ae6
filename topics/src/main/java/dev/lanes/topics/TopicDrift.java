package dev.lanes.topics;

import java.util.Objects;

/**
 * One setting of an existing topic that differs from the catalog. Drift is reported, never fixed:
 * each fix has consequences an operator should weigh (see {@link #message()}).
 */
public record TopicDrift(String topic, String setting, String expected, String actual) {

  static final String PARTITIONS = "partitions";
  static final String REPLICATION_FACTOR = "replication.factor";

  public TopicDrift {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
  }

  public static TopicDrift partitions(String topic, int expected, int actual) {
    return new TopicDrift(topic, PARTITIONS, Integer.toString(expected), Integer.toString(actual));
  }

  public static TopicDrift replicationFactor(String topic, int expected, String actual) {
    return new TopicDrift(topic, REPLICATION_FACTOR, Integer.toString(expected), actual);
  }

  public static TopicDrift config(String topic, String key, String expected, String actual) {
    return new TopicDrift(topic, key, expected, actual);
  }

  /** For operators, e.g. {@code topic tasks.batch: partitions is 6, catalog says 12 (...)}. */
  public String message() {
    return "topic "
        + topic
        + ": "
        + setting
        + " is "
        + actual
        + ", catalog says "
        + expected
        + " ("
        + whyNotFixed()
        + ")";
  }

  private String whyNotFixed() {
    return switch (setting) {
      case PARTITIONS -> "partition counts are not changed automatically: key ordering would break";
      case REPLICATION_FACTOR ->
          "replication is not changed automatically: it needs a partition reassignment";
      default -> "topic configs are not changed automatically: alter the topic if intended";
    };
  }
}
