package dev.lanes.console.internal.overview;

import dev.lanes.console.internal.ConsoleProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The overview read at most once per {@code freshFor}, however many tabs refresh it: callers within
 * that time get the same answer, and concurrent callers wait for the one read in progress (a read
 * is bounded by the client timeouts). A failed read is kept as long as a good one, so a broker that
 * is down costs one timeout per period, not one per request; the last good overview stays available
 * to show beside the failure.
 */
final class OverviewCache {

  /**
   * The latest answer: the last overview read (null before the first) and why a later read failed.
   */
  record Answer(Overview overview, ConsoleProblem failure) {}

  private final Function<Instant, Overview> source;
  private final Clock clock;
  private final Duration freshFor;
  private Overview lastGood;
  private ConsoleProblem failure;
  private Instant readAt;

  OverviewCache(Function<Instant, Overview> source, Clock clock, Duration freshFor) {
    this.source = source;
    this.clock = clock;
    this.freshFor = freshFor;
  }

  synchronized Answer get() {
    Instant now = clock.instant();
    if (readAt == null || !now.isBefore(readAt.plus(freshFor))) {
      try {
        lastGood = source.apply(now);
        failure = null;
      } catch (RuntimeException e) {
        failure =
            e instanceof ConsoleProblem problem
                ? problem
                : ConsoleProblem.kafkaUnavailable("Kafka did not answer: " + e.getMessage(), e);
      }
      // From the end of the read: a read that took the whole timeout is not stale on arrival.
      readAt = clock.instant();
    }
    return new Answer(lastGood, failure);
  }
}
