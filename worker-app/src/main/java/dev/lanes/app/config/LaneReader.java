package dev.lanes.app.config;

import dev.lanes.Backoff;
import dev.lanes.Jitter;
import dev.lanes.LaneConfig;
import dev.lanes.OrderingMode;
import dev.lanes.Priority;
import dev.lanes.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code lanes} section. {@code partitions} and {@code retention} are required: they
 * shape topics, and a partition count can only grow once the topics exist. Every other key defaults
 * to the runtime's own default ({@link LaneConfig#of}, {@link RetryPolicy#defaults}).
 */
final class LaneReader {

  static final List<String> LANE_KEYS =
      List.of(
          "partitions",
          "retention",
          "threads",
          "max-in-flight",
          "max-in-flight-per-partition",
          "ordering",
          "retry",
          "max-task-age",
          "priority",
          "max-wait",
          "yield-floor",
          "pollers");
  static final List<String> RETRY_KEYS =
      List.of("max-attempts", "initial-delay", "multiplier", "max-delay", "jitter");

  private static final LaneConfig RUNTIME_DEFAULTS = LaneConfig.of("defaults", "tasks.defaults");

  private LaneReader() {}

  static List<LaneSettings> read(ConfigNode lanes) {
    List<LaneSettings> settings = new ArrayList<>();
    for (Map.Entry<String, ConfigNode> entry : lanes.entries().entrySet()) {
      settings.add(lane(entry.getKey(), entry.getValue()));
    }
    if (settings.isEmpty()) {
      throw lanes.problem("must list at least one lane");
    }
    return settings;
  }

  private static LaneSettings lane(String name, ConfigNode lane) {
    if (!LaneSettings.NAME.matcher(name).matches()) {
      throw lane.problem("is not a valid lane name: it must match " + LaneSettings.NAME.pattern());
    }
    lane.allowOnly(LANE_KEYS);
    for (String required : List.of("partitions", "retention")) {
      if (!lane.has(required)) {
        throw lane.problem("needs '" + required + "' (it shapes the lane's topics)");
      }
    }
    return new LaneSettings(
        name,
        lane.child("partitions").asInt(),
        lane.child("retention").asDuration(),
        lane.has("threads") ? lane.child("threads").asInt() : RUNTIME_DEFAULTS.concurrency(),
        lane.has("max-in-flight")
            ? lane.child("max-in-flight").asInt()
            : RUNTIME_DEFAULTS.maxInFlight(),
        lane.has("max-in-flight-per-partition")
            ? lane.child("max-in-flight-per-partition").asInt()
            : RUNTIME_DEFAULTS.maxInFlightPerPartition(),
        lane.has("ordering")
            ? lane.child("ordering").asChoice(OrderingMode.class)
            : RUNTIME_DEFAULTS.ordering(),
        lane.has("retry") ? retry(lane.child("retry")) : RUNTIME_DEFAULTS.retry(),
        lane.has("max-task-age") ? maxTaskAge(lane.child("max-task-age")) : null,
        yielding(name, lane),
        lane.has("pollers") ? lane.child("pollers").asInt() : RUNTIME_DEFAULTS.pollers());
  }

  private static Duration maxTaskAge(ConfigNode maxTaskAge) {
    Duration age = maxTaskAge.asDuration();
    if (age.isZero() || age.isNegative()) {
      throw maxTaskAge.problem("must be > 0, was " + DurationFormat.format(age));
    }
    return age;
  }

  // Unset keys take the runtime's defaults for the lane's name: realtime high with 2s, batch low.
  private static YieldSettings yielding(String name, ConfigNode lane) {
    YieldSettings defaults = YieldSettings.defaultsFor(name);
    Priority priority =
        lane.has("priority")
            ? lane.child("priority").asChoice(Priority.class)
            : defaults.priority();
    Optional<Duration> maxWait = defaults.maxWait();
    if (lane.has("max-wait")) {
      ConfigNode node = lane.child("max-wait");
      if (node.isText(YieldSettings.NO_OBJECTIVE)) {
        maxWait = Optional.empty();
      } else {
        Duration wait = node.asDuration();
        if (wait.isZero() || wait.isNegative()) {
          throw node.problem(
              "must be > 0 or '"
                  + YieldSettings.NO_OBJECTIVE
                  + "', was "
                  + DurationFormat.format(wait));
        }
        maxWait = Optional.of(wait);
      }
    }
    int floor = lane.has("yield-floor") ? lane.child("yield-floor").asInt() : defaults.floor();
    return new YieldSettings(priority, maxWait, floor);
  }

  // Checked key by key before building: RetryPolicy's and Backoff's own messages name Java fields.
  private static RetryPolicy retry(ConfigNode retry) {
    retry.allowOnly(RETRY_KEYS);
    RetryPolicy defaults = RetryPolicy.defaults();
    Backoff backoff = defaults.backoff();
    int maxAttempts =
        retry.has("max-attempts") ? retry.child("max-attempts").asInt() : defaults.maxAttempts();
    if (maxAttempts < 1) {
      throw retry.child("max-attempts").problem("must be >= 1, was " + maxAttempts);
    }
    Duration initial =
        retry.has("initial-delay")
            ? retry.child("initial-delay").asDuration()
            : backoff.initialDelay();
    if (initial.isZero() || initial.isNegative()) {
      throw retry
          .child("initial-delay")
          .problem("must be > 0, was " + DurationFormat.format(initial));
    }
    double multiplier =
        retry.has("multiplier") ? retry.child("multiplier").asNumber() : backoff.multiplier();
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw retry
          .child("multiplier")
          .problem("must be >= 1 (1 keeps delays fixed), was " + multiplier);
    }
    Duration max =
        retry.has("max-delay") ? retry.child("max-delay").asDuration() : backoff.maxDelay();
    if (max.compareTo(initial) < 0) {
      throw retry
          .child("max-delay")
          .problem(
              "must be >= initial-delay ("
                  + DurationFormat.format(initial)
                  + "), was "
                  + DurationFormat.format(max)
                  + (retry.has("max-delay") ? "" : " (the default)"));
    }
    Jitter jitter =
        retry.has("jitter") ? retry.child("jitter").asChoice(Jitter.class) : backoff.jitter();
    return RetryPolicy.of(maxAttempts, new Backoff(initial, multiplier, max, jitter));
  }
}
