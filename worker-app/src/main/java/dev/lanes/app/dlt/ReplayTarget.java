package dev.lanes.app.dlt;

import dev.lanes.topics.TopicNames;

/**
 * Where a replay sends dead letters: back to the lane's main topic, or to its first retry topic.
 */
public enum ReplayTarget {
  /** Processed again as soon as the lane reaches them. */
  MAIN,
  /** Processed again after the first retry delay, behind the lane's fresh work. */
  RETRY;

  public String topic(String mainTopic) {
    return this == MAIN ? mainTopic : TopicNames.retry(mainTopic, 1);
  }
}
