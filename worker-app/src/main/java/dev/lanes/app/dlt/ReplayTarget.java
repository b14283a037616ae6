package dev.lanes.app.dlt;

import dev.lanes.topics.TopicNames;

/**
 * Where a replay sends dead letters: back to the lane's main topic, or to its first retry topic.
 */
public enum ReplayTarget {
  /** Processed again as soon as the lane reaches them. */
  MAIN,
  /**
   * Through the first retry topic, read by the lane's retry loop: replayed records carry no due
   * time, so they run at once, without queueing behind the main topic's backlog.
   */
  RETRY;

  public String topic(String mainTopic) {
    return this == MAIN ? mainTopic : TopicNames.retry(mainTopic, 1);
  }
}
