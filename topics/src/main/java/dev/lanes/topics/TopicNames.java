package dev.lanes.topics;

import java.util.Objects;

/**
 * The naming rules of every Lanes topic, and the only place topic suffixes live. Retry and
 * dead-letter names derive from the main topic's name, not the lane's, so a lane with a custom main
 * topic still gets its failure topics next to it.
 */
public final class TopicNames {

  private static final String MAIN_PREFIX = "tasks.";
  private static final String RETRY_INFIX = ".retry.";
  private static final String DEAD_LETTER_SUFFIX = ".dlt";
  private static final String REPLAY_LOG_SUFFIX = DEAD_LETTER_SUFFIX + ".replayed";

  /**
   * The compacted topic where every worker publishes its state (key = worker id): what {@code lanes
   * status} reads, and how workers know which of them are alive.
   */
  public static final String FLEET = "lanes.fleet";

  /**
   * The compacted topic of the fleet's breaker state (key = dependency name): a breaker opened by
   * one worker opens on every worker.
   */
  public static final String DEPENDENCIES = "lanes.dependencies";

  private TopicNames() {}

  /** A lane's main topic, e.g. {@code tasks.realtime}. */
  public static String main(String lane) {
    return MAIN_PREFIX + LaneTopics.requireLaneName(lane);
  }

  /** Retry topic {@code number} (from 1) of a main topic, e.g. {@code tasks.realtime.retry.1}. */
  public static String retry(String mainTopic, int number) {
    Objects.requireNonNull(mainTopic, "mainTopic");
    if (number < 1) {
      throw new IllegalArgumentException(
          "number must be >= 1, was " + number + " (main topic " + mainTopic + ")");
    }
    return mainTopic + RETRY_INFIX + number;
  }

  /** The dead-letter topic of a main topic, e.g. {@code tasks.realtime.dlt}. */
  public static String deadLetter(String mainTopic) {
    return Objects.requireNonNull(mainTopic, "mainTopic") + DEAD_LETTER_SUFFIX;
  }

  /**
   * The compacted log of dead letters already replayed from a main topic's dead-letter topic, e.g.
   * {@code tasks.realtime.dlt.replayed}; it lets a replay run twice without replaying twice.
   */
  public static String replayLog(String mainTopic) {
    return Objects.requireNonNull(mainTopic, "mainTopic") + REPLAY_LOG_SUFFIX;
  }
}
