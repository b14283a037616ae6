package dev.lanes.app.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of mistake in a file gets one line naming the file, the key and what is allowed. */
class ConfigErrorsTest {

  private static final String LANE_KEYS =
      "partitions, retention, threads, max-in-flight, max-in-flight-per-partition, ordering, retry,"
          + " max-task-age, priority, max-wait, yield-floor, pollers";

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakeIsReportedOnOneLineNamingTheKey(String mistake, String yaml, String message) {
    assertThatThrownBy(() -> LanesConfig.fromYaml(yaml, "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yaml: " + message)
        .extracting(Throwable::getMessage)
        .matches(text -> text.lines().count() == 1, "is one line");
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake(
            "unknown top-level key",
            "lane: {}",
            "unknown key 'lane' (allowed: kafka, http, topics, lanes, dependencies, fleet)"),
        mistake(
            "unknown lane key",
            batch("thread: 4"),
            "unknown key 'lanes.batch.thread' (allowed: " + LANE_KEYS + ")"),
        mistake(
            "unknown retry key",
            batch("retry: {delay: 1s}"),
            "unknown key 'lanes.batch.retry.delay'"
                + " (allowed: max-attempts, initial-delay, multiplier, max-delay, jitter)"),
        mistake(
            "unknown breaker key",
            "dependencies: {payments: {breaker: {failure: 5}}}",
            "unknown key 'dependencies.payments.breaker.failure' (allowed: failures,"
                + " failure-rate, minimum-calls, window, delay, successes-to-close)"),
        mistake(
            "unknown dependency key",
            "dependencies: {payments: {timeout-ms: 5}}",
            "unknown key 'dependencies.payments.timeout-ms'"
                + " (allowed: breaker, timeout, rate-limit, max-concurrency, max-wait,"
                + " adaptive-concurrency, shared)"),
        mistake(
            "unknown kafka key",
            "kafka: {bootstrap: x:9092}",
            "unknown key 'kafka.bootstrap' (allowed: bootstrap-servers, properties)"),
        mistake(
            "bad duration",
            batch("retry: {initial-delay: 5 sec}"),
            "lanes.batch.retry.initial-delay must be a duration, was '5 sec' (accepted: "
                + DurationFormat.ACCEPTED
                + ")"),
        mistake(
            "duration without a unit",
            "lanes: {batch: {partitions: 12, retention: 86400}}",
            "lanes.batch.retention must be a duration, was 86400 (accepted: "
                + DurationFormat.ACCEPTED
                + ")"),
        mistake(
            "bad ordering",
            batch("ordering: keyed"),
            "lanes.batch.ordering must be one of key, partition, unordered, was 'keyed'"),
        mistake(
            "unknown priority",
            batch("priority: urgent"),
            "lanes.batch.priority must be one of high, normal, low, was 'urgent'"),
        mistake(
            "yield floor above the pool size",
            batch("threads: 4\n    yield-floor: 5"),
            "lanes.batch.yield-floor must be in 0..4 (0 pauses the lane while it yields; at most"
                + " its threads), was 5"),
        mistake("zero pollers", batch("pollers: 0"), "lanes.batch.pollers must be in 1..64, was 0"),
        mistake(
            "more pollers than the limit",
            batch("pollers: 65"),
            "lanes.batch.pollers must be in 1..64, was 65"),
        mistake(
            "fewer tasks in flight than pollers",
            batch("pollers: 4\n    max-in-flight: 3"),
            "lanes.batch.max-in-flight must be >= pollers (4, which share it), was 3"),
        mistake(
            "zero max wait",
            batch("max-wait: 0s"),
            "lanes.batch.max-wait must be > 0 or 'none', was 0s"),
        mistake(
            "bad jitter",
            batch("retry: {jitter: random}"),
            "lanes.batch.retry.jitter must be one of none, full, equal, was 'random'"),
        mistake(
            "negative threads", batch("threads: -2"), "lanes.batch.threads must be >= 1, was -2"),
        mistake(
            "zero partitions",
            "lanes: {batch: {partitions: 0, retention: 1d}}",
            "lanes.batch.partitions must be >= 1, was 0"),
        mistake(
            "bad lane name",
            "lanes: {Real_Time: {partitions: 1, retention: 1d}}",
            "lanes.Real_Time is not a valid lane name: it must match [a-z0-9-]+"),
        mistake(
            "bad dependency name",
            "dependencies: {Payments: {}}",
            "dependencies.Payments: dependency name must match [a-z0-9-]+, was 'Payments'"),
        mistake(
            "text for a number",
            batch("threads: four"),
            "lanes.batch.threads must be a whole number, was 'four'"),
        mistake(
            "fraction for a whole number",
            batch("max-in-flight: 2.5"),
            "lanes.batch.max-in-flight must be a whole number, was 2.5"),
        mistake(
            "list for a map",
            "lanes: [realtime, batch]",
            "lanes must be a map of keys to values, was a list"),
        mistake(
            "map for a value",
            "kafka: {properties: {sasl.jaas.config: {user: u}}}",
            "kafka.properties.sasl.jaas.config must be a text, number or true/false, was a map"),
        mistake(
            "empty file", "# nothing yet", "the file must be a map of keys to values, was nothing"),
        mistake("no lanes", "lanes: {}", "lanes must list at least one lane"),
        mistake(
            "lane without partitions",
            "lanes: {batch: {retention: 1d}}",
            "lanes.batch needs 'partitions' (it shapes the lane's topics)"),
        mistake(
            "max-delay below initial-delay",
            batch("retry: {initial-delay: 10m}"),
            "lanes.batch.retry.max-delay must be >= initial-delay (10m), was 5m (the default)"),
        mistake(
            "multiplier below 1",
            batch("retry: {multiplier: 0.5}"),
            "lanes.batch.retry.multiplier must be >= 1 (1 keeps delays fixed), was 0.5"),
        mistake(
            "zero attempts",
            batch("retry: {max-attempts: 0}"),
            "lanes.batch.retry.max-attempts must be >= 1, was 0"),
        mistake(
            "breaker neither count nor rate",
            "dependencies: {payments: {breaker: {delay: 5s}}}",
            "dependencies.payments.breaker needs failures (in a row) or failure-rate (percent),"
                + " or write breaker: none"),
        mistake(
            "breaker both count and rate",
            "dependencies: {payments: {breaker: {failures: 5, failure-rate: 50}}}",
            "dependencies.payments.breaker sets both failures and failure-rate; set one"),
        mistake(
            "rate breaker without window",
            "dependencies: {payments: {breaker: {failure-rate: 50, minimum-calls: 10}}}",
            "dependencies.payments.breaker needs 'window' with failure-rate"),
        mistake(
            "failure rate over 100",
            "dependencies: {payments: {breaker: {failure-rate: 150, minimum-calls: 1, window: 1m}}}",
            "dependencies.payments.breaker.failure-rate must be a percentage 1..100, was 150"),
        mistake(
            "breaker word other than none",
            "dependencies: {payments: {breaker: off}}",
            "dependencies.payments.breaker must be 'none' or a map with failures or failure-rate,"
                + " was false (YAML reads on/off and yes/no as true/false; quote text)"),
        mistake(
            "zero timeout",
            "dependencies: {payments: {timeout: 0s}}",
            "dependencies.payments.timeout must be > 0, was 0s"),
        mistake(
            "min-insync above replication",
            "topics: {replication-factor: 2, min-insync-replicas: 3}",
            "topics.min-insync-replicas must be 1..replication-factor (2), was 3"),
        mistake(
            "adaptive min above max",
            "dependencies: {http: {adaptive-concurrency: {min: 10, max: 4}}}",
            "dependencies.http.adaptive-concurrency.max must be >= min (10), was 4"),
        mistake(
            "adaptive realtime share above 100",
            "dependencies: {http: {adaptive-concurrency: {min: 1, max: 4, realtime-share: 120}}}",
            "dependencies.http.adaptive-concurrency.realtime-share must be a percentage 0..100,"
                + " was 120"),
        mistake(
            "adaptive realtime share below 0",
            "dependencies: {http: {adaptive-concurrency: {min: 1, max: 4, realtime-share: -5}}}",
            "dependencies.http.adaptive-concurrency.realtime-share must be a percentage 0..100,"
                + " was -5"),
        mistake(
            "shared not a boolean",
            "dependencies: {http: {shared: sometimes}}",
            "dependencies.http.shared must be true or false, was 'sometimes'"),
        mistake(
            "adaptive without max",
            "dependencies: {http: {adaptive-concurrency: {min: 1}}}",
            "dependencies.http.adaptive-concurrency needs 'max'"),
        mistake(
            "port out of range",
            "http: {port: 70000}",
            "http.port must be 0..65535 (0: any free port), was 70000"),
        mistake(
            "bootstrap servers among the properties",
            "kafka: {properties: {bootstrap.servers: x:9092}}",
            "kafka.properties.bootstrap.servers is not allowed here"
                + " (set kafka.bootstrap-servers or LANES_BOOTSTRAP_SERVERS instead)"),
        mistake(
            "one group.instance.id for every consumer",
            "kafka: {properties: {group.instance.id: worker-0}}",
            "kafka.properties.group.instance.id is not allowed here (every consumer would share"
                + " it; set --worker-id or LANES_WORKER_ID instead)"),
        mistake(
            "key written twice",
            "http:\n  port: 1\n  port: 2\n",
            "not valid YAML at line 3, column 7: Duplicate field 'port'"),
        mistake(
            "alias",
            "kafka: &k\n  properties: {a: b}\nhttp: *k\n",
            "YAML aliases are not supported at line 3, column 7"
                + " (a value starting with '*' must be quoted)"),
        mistake(
            "second document",
            "http: {port: 1}\n---\nhttp: {port: 2}\n",
            "holds more than one YAML document at line 2, column 1 (one is read)"),
        mistake(
            "syntax error",
            "lanes:\n  realtime: [\n",
            "not valid YAML at line 3, column 1: expected the node content, but found '<stream end>'"));
  }

  private static Arguments mistake(String mistake, String yaml, String message) {
    return Arguments.of(mistake, yaml, message);
  }

  /** A file whose only lane is {@code batch}, with {@code setting} added to it. */
  private static String batch(String setting) {
    return "lanes:\n  batch:\n    partitions: 12\n    retention: 7d\n    " + setting + "\n";
  }
}
