package dev.lanes;

import dev.lanes.topics.LaneTopics;
import dev.lanes.topics.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one lane needs: its topic, its consumer group, its thread pool (the bulkhead) and its
 * limits. Immutable; the {@code with*} methods return validated copies.
 *
 * @param name lane name, used in metrics and logs
 * @param topic the lane's main topic
 * @param groupId the lane's own consumer group, which consumes its main topic; the retry topics are
 *     consumed by {@link #retryGroupId()}
 * @param concurrency worker threads of the lane's pool
 * @param maxInFlight tasks polled but not finished: the main topic's poll loops share it in equal
 *     parts (see {@code pollers}), the retry topics' loop has as many again; a loop's fetching
 *     pauses at its part and resumes below half of it. One poll may overshoot a loop's part by up
 *     to {@code max.poll.records}.
 * @param maxInFlightPerPartition the same limit for the uncommitted window of one partition
 * @param ordering how tasks of a partition are ordered
 * @param retry how failed tasks are retried and when they go to the dead-letter topic
 * @param commitInterval how often finished offsets are committed while running
 * @param pollTimeout the longest a poll blocks; bounds how quickly the lane notices a stop
 * @param shutdownGrace how long a stop waits for in-flight tasks before abandoning them
 * @param revokeGrace how long a rebalance waits for in-flight tasks of revoked partitions
 * @param maxTaskAge the oldest a task may be (from its {@code createdAt}) when it would start, or
 *     null for no limit; an older task is not run but dead-lettered with reason {@code expired}
 * @param priority lower-priority lanes of the process yield to this lane while it misses its
 *     objective
 * @param maxWait the lane's objective: the longest a task may wait, from its record's timestamp to
 *     its handler's start (p99 over a window); empty: no objective, the lane never makes others
 *     yield
 * @param yieldFloor the fewest tasks the lane keeps running while it yields; 0 pauses its
 *     partitions (paused, not failed: lag grows, nothing is lost)
 * @param pollers how many poll loops (each a consumer and a thread) read the main topic in this
 *     process, 1 to {@value #MAX_POLLERS}; they join the lane's group as separate members, so the
 *     group splits the partitions among them, and share the lane's pool. A loop the group gives no
 *     partition idles. At most {@code maxInFlight}, which they share.
 */
public record LaneConfig(
    String name,
    String topic,
    String groupId,
    int concurrency,
    int maxInFlight,
    int maxInFlightPerPartition,
    OrderingMode ordering,
    RetryPolicy retry,
    Duration commitInterval,
    Duration pollTimeout,
    Duration shutdownGrace,
    Duration revokeGrace,
    Duration maxTaskAge,
    Priority priority,
    Optional<Duration> maxWait,
    int yieldFloor,
    int pollers) {

  /** The most poll loops a lane runs for its main topic: more would only idle or contend. */
  public static final int MAX_POLLERS = 64;

  /**
   * Poll loops of a lane's main topic unless configured. One, as measured: on the 2-core bench
   * machine, 2 or 3 loops did not raise the no-op throughput and cost up to 40% more CPU per KEY
   * record (docs/BENCHMARKS.md, "Poll parallelism"); the poll thread is 17-19% of a lane's CPU.
   */
  public static final int DEFAULT_POLLERS = 1;

  private static final String RETRY_GROUP_SUFFIX = ".retry";
  private static final String REALTIME = "realtime";
  private static final Duration REALTIME_MAX_WAIT = Duration.ofSeconds(2);

  public LaneConfig {
    requireText("name", name);
    requireText("topic", topic);
    requireText("groupId", groupId);
    requireAtLeast("concurrency", concurrency, 1);
    requireAtLeast("maxInFlight", maxInFlight, 1);
    requireAtLeast("maxInFlightPerPartition", maxInFlightPerPartition, 1);
    Objects.requireNonNull(ordering, "ordering");
    Objects.requireNonNull(retry, "retry");
    requirePositive("commitInterval", commitInterval);
    requirePositive("pollTimeout", pollTimeout);
    requireNotNegative("shutdownGrace", shutdownGrace);
    requireNotNegative("revokeGrace", revokeGrace);
    if (maxTaskAge != null) {
      requirePositive("maxTaskAge", maxTaskAge);
    }
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(maxWait, "maxWait");
    maxWait.ifPresent(wait -> requirePositive("maxWait", wait));
    requireAtLeast("yieldFloor", yieldFloor, 0);
    if (yieldFloor > concurrency) {
      throw new IllegalArgumentException(
          "yieldFloor must be <= concurrency (" + concurrency + "), was " + yieldFloor);
    }
    if (pollers < 1 || pollers > MAX_POLLERS) {
      throw new IllegalArgumentException(
          "pollers must be in 1.." + MAX_POLLERS + ", was " + pollers);
    }
    if (maxInFlight < pollers) {
      throw new IllegalArgumentException(
          "maxInFlight must be >= pollers (" + pollers + ", which share it), was " + maxInFlight);
    }
  }

  /**
   * The in-flight limit of main-topic poll loop {@code index} (0-based): the loops split {@link
   * #maxInFlight} so the lane's bound does not grow with {@link #pollers}.
   */
  public int maxInFlightOfPoller(int index) {
    if (index < 0 || index >= pollers) {
      throw new IllegalArgumentException(
          "poller index must be in 0.." + (pollers - 1) + ", was " + index);
    }
    return maxInFlight / pollers + (index < maxInFlight % pollers ? 1 : 0);
  }

  /**
   * A lane over {@code topic} with default limits and the group {@code lanes.<name>}. The in-flight
   * limit is generous by default: a lane that pauses often loses the consumer's prefetch, which
   * cost more than half of a no-op lane's throughput when the limit was 1000.
   *
   * <p>A lane named {@code realtime} has priority HIGH and the objective that tasks start within 2
   * s; one named {@code batch} has priority LOW; any other NORMAL. Only lanes with an objective
   * make others yield.
   */
  public static LaneConfig of(String name, String topic) {
    return new LaneConfig(
        name,
        topic,
        "lanes." + name,
        8,
        5000,
        2000,
        OrderingMode.KEY,
        RetryPolicy.defaults(),
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        null,
        defaultPriority(name),
        REALTIME.equals(name) ? Optional.of(REALTIME_MAX_WAIT) : Optional.empty(),
        1,
        DEFAULT_POLLERS);
  }

  private static Priority defaultPriority(String name) {
    return switch (name) {
      case REALTIME -> Priority.HIGH;
      case "batch" -> Priority.LOW;
      default -> Priority.NORMAL;
    };
  }

  /** A lane over the main topic the topic catalog defines for it. */
  public static LaneConfig of(LaneTopics topics) {
    return of(topics.lane(), topics.main().name());
  }

  /**
   * The consumer group of the lane's retry topics: {@code <groupId>.retry}. A group of its own, so
   * the main topic's members never wait for the retry members' heartbeats to join (see {@code
   * ConsumerSettings}).
   */
  public String retryGroupId() {
    return groupId + RETRY_GROUP_SUFFIX;
  }

  /** The retry topics the retry policy uses, named by the topic catalog's rule. */
  public List<String> retryTopics() {
    List<String> names = new ArrayList<>();
    for (int number = 1; number <= retry.retryTopicCount(); number++) {
      names.add(TopicNames.retry(topic, number));
    }
    return names;
  }

  public String deadLetterTopic() {
    return TopicNames.deadLetter(topic);
  }

  /** Every topic the lane reads or writes: main, retry topics, dead-letter topic. */
  public List<String> allTopics() {
    List<String> names = new ArrayList<>();
    names.add(topic);
    names.addAll(retryTopics());
    names.add(deadLetterTopic());
    return names;
  }

  public LaneConfig withGroupId(String groupId) {
    return toBuilder().groupId(groupId).build();
  }

  public LaneConfig withConcurrency(int concurrency) {
    return toBuilder().concurrency(concurrency).build();
  }

  public LaneConfig withMaxInFlight(int maxInFlight, int maxInFlightPerPartition) {
    return toBuilder()
        .maxInFlight(maxInFlight)
        .maxInFlightPerPartition(maxInFlightPerPartition)
        .build();
  }

  public LaneConfig withOrdering(OrderingMode ordering) {
    return toBuilder().ordering(ordering).build();
  }

  public LaneConfig withRetry(RetryPolicy retry) {
    return toBuilder().retry(retry).build();
  }

  public LaneConfig withCommitInterval(Duration commitInterval) {
    return toBuilder().commitInterval(commitInterval).build();
  }

  public LaneConfig withShutdownGrace(Duration shutdownGrace) {
    return toBuilder().shutdownGrace(shutdownGrace).build();
  }

  public LaneConfig withRevokeGrace(Duration revokeGrace) {
    return toBuilder().revokeGrace(revokeGrace).build();
  }

  /**
   * Tasks older than {@code maxTaskAge} (counted from their {@code createdAt}) when they would
   * start are dead-lettered with reason {@code expired} instead of run; null removes the limit.
   */
  public LaneConfig withMaxTaskAge(Duration maxTaskAge) {
    return toBuilder().maxTaskAge(maxTaskAge).build();
  }

  public LaneConfig withPriority(Priority priority) {
    return toBuilder().priority(priority).build();
  }

  /** The objective: tasks should start within {@code maxWait} of their record's timestamp. */
  public LaneConfig withMaxWait(Duration maxWait) {
    return toBuilder().maxWait(Optional.ofNullable(maxWait)).build();
  }

  /** No objective: the lane never makes others yield. */
  public LaneConfig withoutMaxWait() {
    return toBuilder().maxWait(Optional.empty()).build();
  }

  public LaneConfig withYieldFloor(int yieldFloor) {
    return toBuilder().yieldFloor(yieldFloor).build();
  }

  /**
   * {@code pollers} poll loops read the main topic, splitting its partitions and in-flight limit.
   */
  public LaneConfig withPollers(int pollers) {
    return toBuilder().pollers(pollers).build();
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable copy of a config, so each {@code with*} method changes one field and revalidates. */
  private static final class Builder {
    private final String name;
    private final String topic;
    private String groupId;
    private int concurrency;
    private int maxInFlight;
    private int maxInFlightPerPartition;
    private OrderingMode ordering;
    private RetryPolicy retry;
    private Duration commitInterval;
    private final Duration pollTimeout;
    private Duration shutdownGrace;
    private Duration revokeGrace;
    private Duration maxTaskAge;
    private Priority priority;
    private Optional<Duration> maxWait;
    private int yieldFloor;
    private int pollers;

    private Builder(LaneConfig config) {
      name = config.name;
      topic = config.topic;
      groupId = config.groupId;
      concurrency = config.concurrency;
      maxInFlight = config.maxInFlight;
      maxInFlightPerPartition = config.maxInFlightPerPartition;
      ordering = config.ordering;
      retry = config.retry;
      commitInterval = config.commitInterval;
      pollTimeout = config.pollTimeout;
      shutdownGrace = config.shutdownGrace;
      revokeGrace = config.revokeGrace;
      maxTaskAge = config.maxTaskAge;
      priority = config.priority;
      maxWait = config.maxWait;
      yieldFloor = config.yieldFloor;
      pollers = config.pollers;
    }

    Builder groupId(String value) {
      groupId = value;
      return this;
    }

    Builder concurrency(int value) {
      concurrency = value;
      return this;
    }

    Builder maxInFlight(int value) {
      maxInFlight = value;
      return this;
    }

    Builder maxInFlightPerPartition(int value) {
      maxInFlightPerPartition = value;
      return this;
    }

    Builder ordering(OrderingMode value) {
      ordering = value;
      return this;
    }

    Builder retry(RetryPolicy value) {
      retry = value;
      return this;
    }

    Builder commitInterval(Duration value) {
      commitInterval = value;
      return this;
    }

    Builder shutdownGrace(Duration value) {
      shutdownGrace = value;
      return this;
    }

    Builder revokeGrace(Duration value) {
      revokeGrace = value;
      return this;
    }

    Builder maxTaskAge(Duration value) {
      maxTaskAge = value;
      return this;
    }

    Builder priority(Priority value) {
      priority = value;
      return this;
    }

    Builder maxWait(Optional<Duration> value) {
      maxWait = value;
      return this;
    }

    Builder yieldFloor(int value) {
      yieldFloor = value;
      return this;
    }

    Builder pollers(int value) {
      pollers = value;
      return this;
    }

    LaneConfig build() {
      return new LaneConfig(
          name,
          topic,
          groupId,
          concurrency,
          maxInFlight,
          maxInFlightPerPartition,
          ordering,
          retry,
          commitInterval,
          pollTimeout,
          shutdownGrace,
          revokeGrace,
          maxTaskAge,
          priority,
          maxWait,
          yieldFloor,
          pollers);
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, was " + value);
    }
  }

  private static void requireAtLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
    }
  }

  private static void requirePositive(String field, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value);
    }
  }

  private static void requireNotNegative(String field, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }
}
