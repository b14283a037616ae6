package dev.lanes.app.config;

import dev.lanes.AdaptiveConcurrency;
import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code dependencies} section. A dependency without a {@code breaker} key gets {@link
 * DependencyPolicy#defaults()}'s breaker; {@code breaker: none} has none, so failures take the
 * retry ladder. Timeout, rate limit, concurrency cap and adaptive concurrency limit apply only when
 * set. {@code shared} (default true) says whether the breaker follows the fleet's.
 */
final class DependencyReader {

  static final List<String> DEPENDENCY_KEYS =
      List.of(
          "breaker",
          "timeout",
          "rate-limit",
          "max-concurrency",
          "max-wait",
          "adaptive-concurrency",
          "shared");
  static final List<String> ADAPTIVE_KEYS = List.of("min", "max", "realtime-share", "permit-wait");
  static final List<String> BREAKER_KEYS =
      List.of("failures", "failure-rate", "minimum-calls", "window", "delay", "successes-to-close");
  static final String NO_BREAKER = "none";

  private DependencyReader() {}

  static Map<String, DependencyPolicy> read(ConfigNode dependencies) {
    Map<String, DependencyPolicy> policies = new LinkedHashMap<>();
    dependencies.entries().forEach((name, node) -> policies.put(name, dependency(node)));
    return policies;
  }

  private static DependencyPolicy dependency(ConfigNode node) {
    node.allowOnly(DEPENDENCY_KEYS);
    DependencyPolicy defaults = DependencyPolicy.defaults();
    DependencyPolicy policy =
        node.has("breaker")
            ? breaker(node.child("breaker"), defaults.breaker())
            : DependencyPolicy.withBreaker(defaults.breaker());
    if (node.has("timeout")) {
      policy = policy.withTimeout(positive(node.child("timeout")));
    }
    if (node.has("rate-limit")) {
      double rate = node.child("rate-limit").asNumber();
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw node.child("rate-limit").problem("must be > 0 calls per second, was " + rate);
      }
      policy = policy.withRateLimit(rate);
    }
    if (node.has("max-concurrency")) {
      policy = policy.withMaxConcurrency(atLeastOne(node.child("max-concurrency")));
    }
    if (node.has("max-wait")) {
      ConfigNode maxWait = node.child("max-wait");
      Duration value = maxWait.asDuration();
      if (value.isNegative()) {
        throw maxWait.problem("must be >= 0, was " + value);
      }
      policy = policy.withMaxWait(value);
    }
    if (node.has("adaptive-concurrency")) {
      policy = policy.withAdaptiveConcurrency(adaptive(node.child("adaptive-concurrency")));
    }
    if (node.has("shared")) {
      policy = policy.withShared(node.child("shared").asBoolean());
    }
    return policy;
  }

  /** {@code min} and {@code max} required; share and permit wait default as in the API. */
  private static AdaptiveConcurrency adaptive(ConfigNode node) {
    if (!node.isMap()) {
      throw node.problem("must be a map with min and max, was " + node.describe());
    }
    node.allowOnly(ADAPTIVE_KEYS);
    for (String required : List.of("min", "max")) {
      if (!node.has(required)) {
        throw node.problem("needs '" + required + "'");
      }
    }
    int min = atLeastOne(node.child("min"));
    ConfigNode maxNode = node.child("max");
    int max = maxNode.asInt();
    if (max < min) {
      throw maxNode.problem("must be >= min (" + min + "), was " + max);
    }
    AdaptiveConcurrency adaptive = AdaptiveConcurrency.between(min, max);
    if (node.has("realtime-share")) {
      ConfigNode share = node.child("realtime-share");
      int percent = share.asInt();
      if (percent < 0 || percent > 100) {
        throw share.problem("must be a percentage 0..100, was " + percent);
      }
      adaptive = adaptive.withRealtimeShare(percent);
    }
    if (node.has("permit-wait")) {
      ConfigNode wait = node.child("permit-wait");
      Duration value = wait.asDuration();
      if (value.isNegative()) {
        throw wait.problem("must be >= 0, was " + value);
      }
      adaptive = adaptive.withPermitWait(value);
    }
    return adaptive;
  }

  private static DependencyPolicy breaker(ConfigNode node, BreakerPolicy defaults) {
    if (node.isText(NO_BREAKER)) {
      return DependencyPolicy.withoutBreaker();
    }
    if (!node.isMap()) {
      throw node.problem(
          "must be '"
              + NO_BREAKER
              + "' or a map with failures or failure-rate, was "
              + node.describe());
    }
    node.allowOnly(BREAKER_KEYS);
    boolean count = node.has("failures");
    boolean rate = node.has("failure-rate");
    if (count == rate) {
      throw node.problem(
          count
              ? "sets both failures and failure-rate; set one"
              : "needs failures (in a row) or failure-rate (percent), or write breaker: none");
    }
    BreakerPolicy breaker;
    if (count) {
      for (String rateOnly : List.of("minimum-calls", "window")) {
        if (node.has(rateOnly)) {
          throw node.child(rateOnly).problem("applies only with failure-rate, not failures");
        }
      }
      breaker = BreakerPolicy.failures(atLeastOne(node.child("failures")));
    } else {
      ConfigNode percent = node.child("failure-rate");
      int failureRate = percent.asInt();
      if (failureRate < 1 || failureRate > 100) {
        throw percent.problem("must be a percentage 1..100, was " + failureRate);
      }
      for (String required : List.of("minimum-calls", "window")) {
        if (!node.has(required)) {
          throw node.problem("needs '" + required + "' with failure-rate");
        }
      }
      breaker =
          BreakerPolicy.failureRate(
              failureRate, atLeastOne(node.child("minimum-calls")), positive(node.child("window")));
    }
    breaker =
        breaker.withDelay(node.has("delay") ? positive(node.child("delay")) : defaults.delay());
    if (node.has("successes-to-close")) {
      breaker = breaker.withSuccessesToClose(atLeastOne(node.child("successes-to-close")));
    }
    return DependencyPolicy.withBreaker(breaker);
  }

  private static int atLeastOne(ConfigNode node) {
    int value = node.asInt();
    if (value < 1) {
      throw node.problem("must be >= 1, was " + value);
    }
    return value;
  }

  private static Duration positive(ConfigNode node) {
    Duration value = node.asDuration();
    if (value.isZero() || value.isNegative()) {
      throw node.problem("must be > 0, was " + DurationFormat.format(value));
    }
    return value;
  }
}
