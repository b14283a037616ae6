package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.concurrency.limits.Limiter;
import dev.lanes.AdaptiveConcurrency;
import dev.lanes.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DependencyLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void theLimitFallsWhileCallsAreSlowAndClimbsBackOnceTheyAreFast() throws Exception {
    DependencyLimiter limiter = limiter(AdaptiveConcurrency.between(2, 16));

    rounds(limiter, 50, Duration.ofMillis(20));
    assertThat(limiter.limit()).as("steady at its max while fast").isEqualTo(16);

    rounds(limiter, 30, Duration.ofMillis(500));
    int brownOut = limiter.limit();
    assertThat(brownOut).as("fell towards the min in the brown-out").isLessThanOrEqualTo(4);
    assertThat(brownOut).as("never below the min").isGreaterThanOrEqualTo(2);

    rounds(limiter, 60, Duration.ofMillis(20));
    assertThat(limiter.limit()).as("back at its max once healed").isEqualTo(16);
  }

  @Test
  void realtimeKeepsItsShareWhenOtherLanesHaveTakenTheWholeLimit() throws Exception {
    DependencyLimiter limiter = limiter(AdaptiveConcurrency.between(10, 10));

    List<Limiter.Listener> batch = takeAll(limiter, Priority.LOW);
    assertThat(batch).as("batch borrows the whole idle limit").hasSize(10);
    assertThat(limiter.hasPermitFor(Priority.LOW)).isFalse();
    assertThat(limiter.hasPermitFor(Priority.HIGH)).isTrue();

    List<Limiter.Listener> realtime = takeAll(limiter, Priority.HIGH);
    assertThat(realtime).as("80% of 10 guaranteed to realtime").hasSize(8);
    assertThat(limiter.hasPermitFor(Priority.HIGH)).isFalse();

    succeed(batch);
    assertThat(takeAll(limiter, Priority.LOW))
        .as("with realtime at its share, batch fills the limit and its own 20% only")
        .hasSize(2);
  }

  @Test
  void otherLanesBorrowOnlyWhatRealtimeLeavesUnderTheLimitBeyondTheirOwnShare() throws Exception {
    DependencyLimiter limiter = limiter(AdaptiveConcurrency.between(10, 10));

    List<Limiter.Listener> realtime = takeAll(limiter, Priority.HIGH);
    assertThat(realtime).as("realtime may use the whole idle limit").hasSize(10);
    assertThat(takeAll(limiter, Priority.LOW)).as("batch still gets its guaranteed 20%").hasSize(2);
    assertThat(limiter.hasPermitFor(Priority.LOW)).isFalse();

    realtime.subList(0, 5).forEach(Limiter.Listener::onIgnore);
    assertThat(limiter.hasPermitFor(Priority.LOW)).as("released permits may be borrowed").isTrue();
    assertThat(takeAll(limiter, Priority.NORMAL))
        .as("any lane below high priority shares the rest, up to the limit")
        .hasSize(3);
  }

  @Test
  void aShareOfZeroLeavesRealtimeOnePermitUnderAFullLimit() throws Exception {
    DependencyLimiter limiter = limiter(AdaptiveConcurrency.between(4, 4).withRealtimeShare(0));

    assertThat(takeAll(limiter, Priority.LOW)).hasSize(4);
    assertThat(takeAll(limiter, Priority.HIGH)).as("the library's floor of one").hasSize(1);
  }

  @Test
  void everyPathReturnsItsPermit() throws Exception {
    DependencyLimiter limiter = limiter(AdaptiveConcurrency.between(3, 3));
    List<Limiter.Listener> permits = takeAll(limiter, Priority.LOW);
    nanos.addAndGet(Duration.ofMillis(20).toNanos());
    permits.get(0).onSuccess();
    permits.get(1).onIgnore();
    permits.get(2).onDropped();

    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.hasPermitFor(Priority.LOW)).isTrue();
  }

  @Test
  void callsOutsideALaneShareThePartOfTheLanesBelowHighPriority() throws Exception {
    DependencyLimiter limiter = limiter(AdaptiveConcurrency.between(10, 10));

    takeAll(limiter, Priority.HIGH);

    assertThat(takeAll(limiter, null)).as("the guaranteed 20% of the others").hasSize(2);
  }

  private DependencyLimiter limiter(AdaptiveConcurrency config) {
    return new DependencyLimiter(config.withPermitWait(Duration.ZERO), nanos::get);
  }

  /** Calls that took 20 ms: a latency of zero is no sample the algorithm can use. */
  private void succeed(List<Limiter.Listener> permits) {
    nanos.addAndGet(Duration.ofMillis(20).toNanos());
    permits.forEach(Limiter.Listener::onSuccess);
  }

  /** One round: as many concurrent calls as the limit allows, all taking {@code latency}. */
  private void rounds(DependencyLimiter limiter, int rounds, Duration latency) throws Exception {
    for (int round = 0; round < rounds; round++) {
      List<Limiter.Listener> permits = takeAll(limiter, Priority.LOW);
      nanos.addAndGet(latency.toNanos());
      permits.forEach(Limiter.Listener::onSuccess);
    }
  }

  private static List<Limiter.Listener> takeAll(DependencyLimiter limiter, Priority lane)
      throws Exception {
    List<Limiter.Listener> permits = new ArrayList<>();
    for (Optional<Limiter.Listener> permit = limiter.acquire(lane);
        permit.isPresent();
        permit = limiter.acquire(lane)) {
      permits.add(permit.get());
    }
    return permits;
  }
}
