package dev.lanes.app.config;

import dev.lanes.LaneConfig;
import dev.lanes.OrderingMode;
import dev.lanes.RetryPolicy;
import dev.lanes.topics.LaneTopics;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One lane as the config file describes it: the shape of its topics and the limits of its pool.
 * Validation messages name the file's key ({@code lanes.batch.threads}), not the Java field.
 *
 * @param name the lane's name, {@code [a-z0-9-]+}
 * @param partitions partitions of each of the lane's topics
 * @param retention how long the lane's main and retry topics keep records
 * @param threads worker threads of the lane's pool
 * @param maxInFlight tasks polled but not finished: the main topic's poll loops share it, the retry
 *     topics' loop has as many again
 * @param maxInFlightPerPartition the same limit for one partition
 * @param ordering how tasks of a partition are ordered
 * @param retry how failed tasks are retried
 * @param maxTaskAge the oldest a task may be when it would start, or null for no limit
 * @param yielding its priority, objective and yield floor
 * @param pollers poll loops (consumers, each on a thread) reading the main topic in one worker, 1
 *     to {@value LaneConfig#MAX_POLLERS}
 */
public record LaneSettings(
    String name,
    int partitions,
    Duration retention,
    int threads,
    int maxInFlight,
    int maxInFlightPerPartition,
    OrderingMode ordering,
    RetryPolicy retry,
    Duration maxTaskAge,
    YieldSettings yielding,
    int pollers) {

  /** The rule {@link LaneTopics} applies, checked here so the message names the config key. */
  static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  public LaneSettings {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          "lanes." + name + ": lane name must match " + NAME.pattern() + ", was '" + name + "'");
    }
    atLeastOne(name, "partitions", partitions);
    if (retention == null || retention.isZero() || retention.isNegative()) {
      String was = retention == null ? "nothing" : DurationFormat.format(retention);
      throw new ConfigException(key(name, "retention") + " must be > 0, was " + was);
    }
    atLeastOne(name, "threads", threads);
    atLeastOne(name, "max-in-flight", maxInFlight);
    atLeastOne(name, "max-in-flight-per-partition", maxInFlightPerPartition);
    Objects.requireNonNull(ordering, () -> key(name, "ordering"));
    Objects.requireNonNull(retry, () -> key(name, "retry"));
    if (maxTaskAge != null && (maxTaskAge.isZero() || maxTaskAge.isNegative())) {
      throw new ConfigException(
          key(name, "max-task-age") + " must be > 0, was " + DurationFormat.format(maxTaskAge));
    }
    Objects.requireNonNull(yielding, () -> key(name, "priority"));
    if (yielding.floor() < 0 || yielding.floor() > threads) {
      throw new ConfigException(
          key(name, "yield-floor")
              + " must be in 0.."
              + threads
              + " (0 pauses the lane while it yields; at most its threads), was "
              + yielding.floor());
    }
    if (pollers < 1 || pollers > LaneConfig.MAX_POLLERS) {
      throw new ConfigException(
          key(name, "pollers") + " must be in 1.." + LaneConfig.MAX_POLLERS + ", was " + pollers);
    }
    if (maxInFlight < pollers) {
      throw new ConfigException(
          key(name, "max-in-flight")
              + " must be >= pollers ("
              + pollers
              + ", which share it), was "
              + maxInFlight);
    }
  }

  /**
   * A lane whose tasks never expire by age, that yields as the runtime does by default and polls
   * its main topic with the default number of loops.
   */
  public LaneSettings(
      String name,
      int partitions,
      Duration retention,
      int threads,
      int maxInFlight,
      int maxInFlightPerPartition,
      OrderingMode ordering,
      RetryPolicy retry) {
    this(
        name,
        partitions,
        retention,
        threads,
        maxInFlight,
        maxInFlightPerPartition,
        ordering,
        retry,
        null,
        YieldSettings.defaultsFor(name),
        LaneConfig.DEFAULT_POLLERS);
  }

  /** A copy with {@code threads} worker threads. */
  public LaneSettings withThreads(int threads) {
    return new LaneSettings(
        name,
        partitions,
        retention,
        threads,
        maxInFlight,
        maxInFlightPerPartition,
        ordering,
        retry,
        maxTaskAge,
        yielding,
        pollers);
  }

  /** The runtime's view of this lane over {@code topics}, the catalog's topics for it. */
  public LaneConfig toLaneConfig(LaneTopics topics) {
    if (!topics.lane().equals(name)) {
      throw new IllegalArgumentException(
          "topics must be lane " + name + "'s, were lane " + topics.lane() + "'s");
    }
    return yielding.applyTo(
        LaneConfig.of(topics)
            .withConcurrency(threads)
            .withMaxInFlight(maxInFlight, maxInFlightPerPartition)
            .withOrdering(ordering)
            .withRetry(retry)
            .withMaxTaskAge(maxTaskAge)
            .withPollers(pollers));
  }

  static String key(String lane, String setting) {
    return "lanes." + lane + "." + setting;
  }

  private static void atLeastOne(String lane, String setting, int value) {
    if (value < 1) {
      throw new ConfigException(key(lane, setting) + " must be >= 1, was " + value);
    }
  }
}
