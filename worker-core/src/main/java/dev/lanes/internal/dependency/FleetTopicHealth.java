package dev.lanes.internal.dependency;

import dev.lanes.topics.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether {@code lanes.dependencies} answers. Says so once each time that changes, not on every
 * failed poll or send: an operator needs the change, not a flood.
 */
final class FleetTopicHealth {

  private static final Logger log = LoggerFactory.getLogger(FleetBreakers.class);

  private volatile boolean up;
  private boolean warned;

  boolean isUp() {
    return up;
  }

  synchronized void down(String why) {
    up = false;
    if (!warned) {
      warned = true;
      log.warn(
          "fleet breaker state unavailable: breakers are per process topic={} reason={}",
          TopicNames.DEPENDENCIES,
          why);
    }
  }

  synchronized void up() {
    up = true;
    if (warned) {
      warned = false;
      log.info(
          "fleet breaker state available again: shared breakers follow the fleet topic={}",
          TopicNames.DEPENDENCIES);
    }
  }
}
