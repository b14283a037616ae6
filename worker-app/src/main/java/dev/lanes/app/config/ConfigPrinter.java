package dev.lanes.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lanes.Backoff;
import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The effective config as YAML, for {@code lanes config show}: every value as the process will use
 * it, in the file's format, so the output can be saved as a config file. Secret Kafka properties
 * are shown as {@link Secrets#MASK}.
 */
final class ConfigPrinter {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private static final String HEADER =
      "# effective lanes configuration; secrets are shown as " + Secrets.MASK + "\n";

  private ConfigPrinter() {}

  static String render(LanesConfig config) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kafka", kafka(config.kafka()));
    root.put("http", Map.of("port", config.httpPort()));
    Map<String, Object> topics = new LinkedHashMap<>();
    topics.put("replication-factor", config.replicationFactor());
    topics.put("min-insync-replicas", config.minInsyncReplicas());
    root.put("topics", topics);
    Map<String, Object> lanes = new LinkedHashMap<>();
    config.lanes().forEach(lane -> lanes.put(lane.name(), lane(lane)));
    root.put("lanes", lanes);
    Map<String, Object> dependencies = new LinkedHashMap<>();
    config.dependencies().forEach((name, policy) -> dependencies.put(name, dependency(policy)));
    root.put("dependencies", dependencies);
    root.put("fleet", Map.of("interval", duration(config.fleetInterval())));
    try {
      return HEADER + YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // Maps of strings and numbers always serialise; reaching this is a bug here.
      throw new IllegalStateException("cannot render the config as YAML", e);
    }
  }

  private static Map<String, Object> kafka(KafkaSettings kafka) {
    Map<String, Object> node = new LinkedHashMap<>();
    kafka.bootstrapServers().ifPresent(servers -> node.put("bootstrap-servers", servers));
    node.put("properties", Secrets.mask(kafka.properties()));
    return node;
  }

  private static Map<String, Object> lane(LaneSettings lane) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("partitions", lane.partitions());
    node.put("retention", duration(lane.retention()));
    node.put("threads", lane.threads());
    node.put("pollers", lane.pollers());
    node.put("max-in-flight", lane.maxInFlight());
    node.put("max-in-flight-per-partition", lane.maxInFlightPerPartition());
    node.put("ordering", choice(lane.ordering()));
    Backoff backoff = lane.retry().backoff();
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("max-attempts", lane.retry().maxAttempts());
    retry.put("initial-delay", duration(backoff.initialDelay()));
    retry.put("multiplier", number(backoff.multiplier()));
    retry.put("max-delay", duration(backoff.maxDelay()));
    retry.put("jitter", choice(backoff.jitter()));
    node.put("retry", retry);
    if (lane.maxTaskAge() != null) {
      node.put("max-task-age", duration(lane.maxTaskAge()));
    }
    node.put("priority", choice(lane.yielding().priority()));
    node.put(
        "max-wait",
        lane.yielding().maxWait().map(ConfigPrinter::duration).orElse(YieldSettings.NO_OBJECTIVE));
    node.put("yield-floor", lane.yielding().floor());
    return node;
  }

  private static Map<String, Object> dependency(DependencyPolicy policy) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(
        "breaker",
        policy.breaker() == null ? DependencyReader.NO_BREAKER : breaker(policy.breaker()));
    if (policy.timeout() != null) {
      node.put("timeout", duration(policy.timeout()));
    }
    if (policy.ratePerSecond() > 0) {
      node.put("rate-limit", number(policy.ratePerSecond()));
    }
    if (policy.maxConcurrency() > 0) {
      node.put("max-concurrency", policy.maxConcurrency());
    }
    node.put("max-wait", duration(policy.maxWait()));
    if (policy.adaptive() != null) {
      Map<String, Object> adaptive = new LinkedHashMap<>();
      adaptive.put("min", policy.adaptive().min());
      adaptive.put("max", policy.adaptive().max());
      adaptive.put("realtime-share", policy.adaptive().realtimeSharePercent());
      adaptive.put("permit-wait", duration(policy.adaptive().permitWait()));
      node.put("adaptive-concurrency", adaptive);
    }
    return node;
  }

  private static Map<String, Object> breaker(BreakerPolicy breaker) {
    Map<String, Object> node = new LinkedHashMap<>();
    if (breaker.failureThreshold() > 0) {
      node.put("failures", breaker.failureThreshold());
    } else {
      node.put("failure-rate", breaker.failureRatePercent());
      node.put("minimum-calls", breaker.minimumCalls());
      node.put("window", duration(breaker.window()));
    }
    node.put("delay", duration(breaker.delay()));
    node.put("successes-to-close", breaker.successesToClose());
    return node;
  }

  private static String duration(Duration duration) {
    return DurationFormat.format(duration);
  }

  private static String choice(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  // 5 rather than 5.0: the file's own spelling, and what an operator wrote.
  private static Object number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value;
  }
}
