package dev.lanes.tools.drill;

import dev.lanes.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one lane a drill's workers run, and the {@code lanes.yaml} that says so: its tasks call the
 * fake dependency {@code http} through a breaker, and failures take a short retry ladder so that
 * retries are in flight whenever a fault strikes.
 *
 * @param threads the lane's pool in each worker
 * @param maxAttempts attempts before the dead-letter topic; {@code maxAttempts - 1} retry topics
 * @param retryDelayMs fixed delay before each retry
 * @param breakerFailures failures in a row that open the breaker
 * @param breakerDelayMs how long the breaker stays open before probing
 * @param sharedBreaker whether the breaker follows the fleet's ({@code lanes.dependencies}) or only
 *     this process's failures
 */
record DrillLane(
    String name,
    int partitions,
    int threads,
    int maxAttempts,
    int retryDelayMs,
    int breakerFailures,
    int breakerDelayMs,
    boolean sharedBreaker) {

  static DrillLane named(String name) {
    return new DrillLane(name, 6, 8, 3, 500, 5, 2000, true);
  }

  DrillLane withBreaker(int failures, int delayMs) {
    return new DrillLane(
        name, partitions, threads, maxAttempts, retryDelayMs, failures, delayMs, sharedBreaker);
  }

  DrillLane withThreads(int count) {
    return new DrillLane(
        name,
        partitions,
        count,
        maxAttempts,
        retryDelayMs,
        breakerFailures,
        breakerDelayMs,
        sharedBreaker);
  }

  /** Each worker's breaker opens and probes on its own failures only, as before fleets. */
  DrillLane withPerProcessBreaker() {
    return new DrillLane(
        name,
        partitions,
        threads,
        maxAttempts,
        retryDelayMs,
        breakerFailures,
        breakerDelayMs,
        false);
  }

  String mainTopic() {
    return TopicNames.main(name);
  }

  String deadLetterTopic() {
    return TopicNames.deadLetter(mainTopic());
  }

  /** The retry topics and the dead-letter topic: where the runtime forwards tasks. */
  List<String> forwardTopics() {
    List<String> topics = new ArrayList<>();
    for (int n = 1; n < maxAttempts; n++) {
      topics.add(TopicNames.retry(mainTopic(), n));
    }
    topics.add(deadLetterTopic());
    return topics;
  }

  /** The lane's consumer group, as the runtime names it: it consumes the main topic. */
  String group() {
    return "lanes." + name;
  }

  /** The group that consumes the lane's retry topics. */
  String retryGroup() {
    return group() + ".retry";
  }

  Path writeConfig(Path dir) {
    String yaml =
        """
        kafka:
          properties:
            # A worker killed with SIGKILL keeps its partitions until the group gives up on it:
            # 45 s by default. Drills kill often, so they wait 10 s instead.
            session.timeout.ms: 10000
            heartbeat.interval.ms: 1000
        topics:
          replication-factor: 1
          min-insync-replicas: 1
        lanes:
          %s:
            partitions: %d
            retention: 1h
            threads: %d
            retry:
              max-attempts: %d
              initial-delay: %dms
              multiplier: 1
              max-delay: %dms
              jitter: none
        dependencies:
          http:
            breaker:
              failures: %d
              delay: %dms
            shared: %s
        """
            .formatted(
                name,
                partitions,
                threads,
                maxAttempts,
                retryDelayMs,
                retryDelayMs,
                breakerFailures,
                breakerDelayMs,
                sharedBreaker);
    try {
      Path file = dir.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
