package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.failsafe.BulkheadFullException;
import dev.failsafe.TimeoutExceededException;
import dev.lanes.BreakerPolicy;
import dev.lanes.BreakerState;
import dev.lanes.DependencyPolicy;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.MetricNames;
import dev.lanes.NonRetryableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DependencyRegistryTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger calls = new AtomicInteger();
  private DependencyRegistry registry;

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void theFailureThatOpensTheBreakerAndEveryCallAfterItReportTheDependencyUnavailable() {
    GuardedDependency api = dependency(BreakerPolicy.failures(2).withDelay(Duration.ofMinutes(1)));

    assertThatThrownBy(() -> api.call(this::failing)).isInstanceOf(IOException.class);
    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
    assertThatThrownBy(() -> api.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);

    assertThatThrownBy(() -> api.call(this::succeeding))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasMessageContaining("api");
    assertThat(calls).as("an open breaker makes no call").hasValue(2);
    assertThat(count("failure")).isEqualTo(2);
    assertThat(count("rejected")).isEqualTo(1);
    assertThat(state()).isEqualTo(2);
  }

  @Test
  void anOpenBreakerHalfOpensOnItsOwnAndOneProbeClosesIt() throws Exception {
    GuardedDependency api = dependency(BreakerPolicy.failures(1).withDelay(Duration.ofMillis(200)));
    assertThatThrownBy(() -> api.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class);

    // No call comes while partitions wait: the registry's timer half-opens the breaker.
    await().atMost(Duration.ofSeconds(5)).until(() -> api.availability() == Availability.PROBING);
    assertThat(api.tryTakeProbe()).isTrue();
    assertThat(api.tryTakeProbe()).as("one probe per success needed to close").isFalse();

    assertThat(api.<String>call(this::succeeding)).isEqualTo("ok");
    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
    assertThat(state()).isZero();
  }

  @Test
  void aFailedProbeOpensTheBreakerAgain() {
    GuardedDependency api = dependency(BreakerPolicy.failures(1).withDelay(Duration.ofMillis(200)));
    assertThatThrownBy(() -> api.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> api.availability() == Availability.PROBING);

    assertThatThrownBy(() -> api.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class);

    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }

  @Test
  void aTaskTheDependencyRightlyRefusedSaysNothingAboutItsHealth() {
    GuardedDependency api = dependency(BreakerPolicy.failures(1));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () ->
                  api.call(
                      () -> {
                        throw new NonRetryableException("no such account");
                      }))
          .isInstanceOf(NonRetryableException.class);
    }
    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void aFallbackAnswersInsteadOfWaiting() throws Exception {
    registry =
        new DependencyRegistry(
            Map.of(
                "api",
                DependencyPolicy.withBreaker(
                        BreakerPolicy.failures(1).withDelay(Duration.ofMinutes(1)))
                    .withFallback(failure -> "cached after " + failure.getClass().getSimpleName())),
            meters);
    GuardedDependency api = registry.get("api");

    assertThat(api.<String>call(this::failing)).isEqualTo("cached after IOException");
    assertThat(api.<String>call(this::succeeding))
        .isEqualTo("cached after DependencyUnavailableException");
    assertThat(calls).hasValue(1);
  }

  @Test
  void withoutABreakerFailuresPassThrough() {
    registry = new DependencyRegistry(Map.of("api", DependencyPolicy.withoutBreaker()), meters);
    GuardedDependency api = registry.get("api");

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> api.call(this::failing)).isInstanceOf(IOException.class);
    }
    assertThat(calls).hasValue(10);
    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
  }

  @Test
  void aCallOverItsTimeoutFailsAndCountsAgainstTheBreaker() {
    registry =
        new DependencyRegistry(
            Map.of(
                "api",
                DependencyPolicy.withBreaker(
                        BreakerPolicy.failures(1).withDelay(Duration.ofMinutes(1)))
                    .withTimeout(Duration.ofMillis(50))),
            meters);
    GuardedDependency api = registry.get("api");

    assertThatThrownBy(
            () ->
                api.call(
                    () -> {
                      new CountDownLatch(1).await(); // hangs until the timeout interrupts it
                      return "late";
                    }))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasCauseInstanceOf(TimeoutExceededException.class);
    assertThat(api.availability()).isEqualTo(Availability.UNAVAILABLE);
  }

  @Test
  void callsBeyondTheConcurrencyCapAreRejectedWithoutHurtingTheBreaker() throws Exception {
    registry =
        new DependencyRegistry(
            Map.of(
                "api",
                DependencyPolicy.withBreaker(BreakerPolicy.failures(1))
                    .withMaxConcurrency(1)
                    .withMaxWait(Duration.ZERO)),
            meters);
    GuardedDependency api = registry.get("api");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try {
                api.call(
                    () -> {
                      inside.countDown();
                      release.await();
                      return "held";
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    holder.start();
    inside.await();

    assertThatThrownBy(() -> api.call(this::succeeding)).isInstanceOf(BulkheadFullException.class);
    assertThat(api.availability()).isEqualTo(Availability.AVAILABLE);
    release.countDown();
    holder.join();
  }

  @Test
  void healthReportsTheBreakerStateAsItMoves() {
    GuardedDependency api = dependency(BreakerPolicy.failures(1).withDelay(Duration.ofMillis(200)));
    assertThat(breakerState()).isEqualTo(BreakerState.CLOSED);

    assertThatThrownBy(() -> api.call(this::failing))
        .isInstanceOf(DependencyUnavailableException.class);
    assertThat(breakerState()).isEqualTo(BreakerState.OPEN);

    await().atMost(Duration.ofSeconds(5)).until(() -> breakerState() == BreakerState.HALF_OPEN);
  }

  @Test
  void anUnknownDependencyIsATaskThatCannotSucceed() {
    registry = new DependencyRegistry(Map.of("api", DependencyPolicy.defaults()), meters);

    assertThatThrownBy(() -> registry.get("apy"))
        .isInstanceOf(NonRetryableException.class)
        .hasMessage("unknown dependency 'apy', known: [api]");
  }

  private GuardedDependency dependency(BreakerPolicy breaker) {
    registry = new DependencyRegistry(Map.of("api", DependencyPolicy.withBreaker(breaker)), meters);
    return registry.get("api");
  }

  private String failing() throws IOException {
    calls.incrementAndGet();
    throw new IOException("503 from api");
  }

  private String succeeding() {
    calls.incrementAndGet();
    return "ok";
  }

  private double count(String outcome) {
    return meters
        .get(MetricNames.DEPENDENCY_CALLS)
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .counter()
        .count();
  }

  private BreakerState breakerState() {
    return registry.health().get(0).state();
  }

  private double state() {
    return meters.get(MetricNames.DEPENDENCY_BREAKER_STATE).gauge().value();
  }
}
