package dev.lanes.console.internal.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.console.internal.ConsoleProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OverviewCacheTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:15:00Z");

  private final MovableClock clock = new MovableClock(T0);
  private final List<Instant> reads = new ArrayList<>();
  private RuntimeException nextFailure;

  private final Function<Instant, Overview> source =
      now -> {
        reads.add(now);
        if (nextFailure != null) {
          throw nextFailure;
        }
        return overviewAt(now);
      };

  private final OverviewCache cache = new OverviewCache(source, clock, Duration.ofSeconds(3));

  @Test
  void refreshesWithinTheFreshPeriodShareOneRead() {
    Overview first = cache.get().overview();
    clock.advance(Duration.ofMillis(2_999));
    Overview second = cache.get().overview();

    assertThat(second).isSameAs(first);
    assertThat(reads).containsExactly(T0);
  }

  @Test
  void aRefreshAfterTheFreshPeriodReadsAgain() {
    cache.get();
    clock.advance(Duration.ofSeconds(3));

    Overview later = cache.get().overview();

    assertThat(reads).hasSize(2);
    assertThat(later.at()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void aFailedReadKeepsTheLastGoodOverviewAndIsNotRetriedWithinThePeriod() {
    Overview good = cache.get().overview();
    clock.advance(Duration.ofSeconds(5));
    nextFailure = new IllegalStateException("reading the topic names took longer than 5000 ms");

    OverviewCache.Answer failed = cache.get();
    clock.advance(Duration.ofSeconds(1));
    OverviewCache.Answer again = cache.get();

    assertThat(failed.overview()).isSameAs(good);
    assertThat(failed.failure().status()).isEqualTo(503);
    assertThat(failed.failure())
        .hasMessage("Kafka did not answer: reading the topic names took longer than 5000 ms");
    assertThat(again.failure()).isSameAs(failed.failure());
    assertThat(reads).hasSize(2);
  }

  @Test
  void aConsoleProblemFromTheReadIsKeptAsItIs() {
    ConsoleProblem problem = ConsoleProblem.kafkaUnavailable("broker gone", null);
    nextFailure = problem;

    OverviewCache.Answer answer = cache.get();

    assertThat(answer.overview()).isNull();
    assertThat(answer.failure()).isSameAs(problem);
  }

  @Test
  void aGoodReadAfterAFailureClearsIt() {
    nextFailure = new IllegalStateException("down");
    cache.get();
    clock.advance(Duration.ofSeconds(3));
    nextFailure = null;

    OverviewCache.Answer answer = cache.get();

    assertThat(answer.failure()).isNull();
    assertThat(answer.overview()).isNotNull();
  }

  @Test
  void whileOneCallerReadsTheOthersGetThePreviousAnswerWithoutWaiting() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Instant> slowReads = new ArrayList<>();
    OverviewCache slow =
        new OverviewCache(
            now -> {
              slowReads.add(now);
              if (slowReads.size() == 2) {
                entered.countDown();
                await(release);
              }
              return overviewAt(now);
            },
            clock,
            Duration.ofSeconds(3));
    Overview first = slow.get().overview();
    clock.advance(Duration.ofSeconds(3));
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<OverviewCache.Answer> second = reader.submit(slow::get);
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      OverviewCache.Answer meanwhile = slow.get();

      assertThat(meanwhile.overview()).isSameAs(first);
      release.countDown();
      assertThat(second.get(10, TimeUnit.SECONDS).overview().at()).isEqualTo(T0.plusSeconds(3));
      assertThat(slow.get().overview().at()).isEqualTo(T0.plusSeconds(3));
      assertThat(slowReads).hasSize(2);
    } finally {
      release.countDown();
      reader.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Overview overviewAt(Instant now) {
    return new Overview(
        now, MinuteBuckets.endingWithMinuteOf(now), false, List.of(), List.of(), 0, List.of());
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
