package dev.lanes.console.internal.overview;

import dev.lanes.console.internal.ConsoleProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The overview read at most once per {@code freshFor}, however many tabs refresh it: callers within
 * that time get the same answer. While one caller reads, the others get the previous answer at once
 * rather than queueing behind it: a read with Kafka down takes the whole client timeout, and the
 * console has few request threads to hold. Only the very first callers wait for a read. A failed
 * read is kept as long as a good one, so a broker that is down costs one timeout per period, not
 * one per request; the last good overview stays available to show beside the failure.
 */
final class OverviewCache {

  /**
   * The latest answer: the last overview read (null before the first) and why a later read failed.
   */
  record Answer(Overview overview, ConsoleProblem failure) {}

  private final Function<Instant, Overview> source;
  private final Clock clock;
  private final Duration freshFor;
  private final ReentrantLock reading = new ReentrantLock();
  // Written only while holding `reading`; read without it by callers that do not wait.
  private volatile Answer latest;
  private volatile Instant readAt;

  OverviewCache(Function<Instant, Overview> source, Clock clock, Duration freshFor) {
    this.source = source;
    this.clock = clock;
    this.freshFor = freshFor;
  }

  Answer get() {
    Answer answer = latest;
    if (answer != null && isFresh()) {
      return answer;
    }
    if (answer != null) {
      if (!reading.tryLock()) {
        return answer;
      }
    } else {
      reading.lock();
    }
    try {
      if (latest != null && isFresh()) {
        return latest;
      }
      latest = read(latest == null ? null : latest.overview());
      // From the end of the read: a read that took the whole timeout is not stale on arrival.
      readAt = clock.instant();
      return latest;
    } finally {
      reading.unlock();
    }
  }

  private Answer read(Overview lastGood) {
    try {
      return new Answer(source.apply(clock.instant()), null);
    } catch (ConsoleProblem problem) {
      return new Answer(lastGood, problem);
    } catch (RuntimeException e) {
      return new Answer(
          lastGood, ConsoleProblem.kafkaUnavailable("Kafka did not answer: " + e.getMessage(), e));
    }
  }

  private boolean isFresh() {
    Instant at = readAt;
    return at != null && clock.instant().isBefore(at.plus(freshFor));
  }
}
