package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.TimeoutExceededException;
import dev.lanes.AdaptiveConcurrency;
import dev.lanes.BreakerPolicy;
import dev.lanes.DependencyPolicy;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.MetricNames;
import dev.lanes.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdaptiveDependencyTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger calls = new AtomicInteger();
  private DependencyRegistry registry;

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aCallThatFindsNoPermitIsNotMadeAndReportsTheDependencyUnavailable() throws Exception {
    GuardedDependency api =
        dependency(
            DependencyPolicy.withBreaker(BreakerPolicy.failures(1))
                .withAdaptiveConcurrency(
                    AdaptiveConcurrency.between(1, 1).withPermitWait(Duration.ofMillis(10))));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> holding =
        CompletableFuture.supplyAsync(() -> callQuietly(api, release));
    waitUntilInFlight(1);

    assertThatThrownBy(() -> api.call("batch", Priority.LOW, this::succeeding))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasMessageContaining("api")
        .hasMessageContaining("concurrency limit");
    assertThat(calls).as("the call without a permit was not made").hasValue(1);
    assertThat(api.availability())
        .as("the breaker did not count it")
        .isEqualTo(Availability.AVAILABLE);
    assertThat(api.hasPermitFor(Priority.LOW)).isFalse();
    assertThat(meters.get(MetricNames.DEPENDENCY_LIMIT_REJECTED).counter().count()).isEqualTo(1);

    release.countDown();
    holding.get(5, TimeUnit.SECONDS);
    assertThat(api.hasPermitFor(Priority.LOW)).as("the released permit resumes waiters").isTrue();
    assertThat(gauge(MetricNames.DEPENDENCY_IN_FLIGHT)).isZero();
    assertThat(gauge(MetricNames.DEPENDENCY_LIMIT)).isEqualTo(1);
  }

  @Test
  void aTimedOutOrFailedCallReturnsItsPermit() {
    GuardedDependency api =
        dependency(
            DependencyPolicy.withoutBreaker()
                .withTimeout(Duration.ofMillis(50))
                .withAdaptiveConcurrency(1, 1));

    assertThatThrownBy(
            () -> api.call("batch", Priority.LOW, () -> blockUntil(new CountDownLatch(1))))
        .isInstanceOf(TimeoutExceededException.class);
    assertThat(gauge(MetricNames.DEPENDENCY_IN_FLIGHT)).isZero();
    assertThatThrownBy(() -> api.call("batch", Priority.LOW, this::failing))
        .isInstanceOf(IOException.class);
    assertThat(gauge(MetricNames.DEPENDENCY_IN_FLIGHT)).isZero();
    assertThat(api.hasPermitFor(Priority.LOW)).isTrue();
  }

  @Test
  void withAFallbackACallWithoutAPermitGetsTheFallbacksValue() throws Exception {
    GuardedDependency api =
        dependency(
            DependencyPolicy.withoutBreaker()
                .withFallback(
                    failure ->
                        failure instanceof DependencyUnavailableException ? "later" : "other")
                .withAdaptiveConcurrency(
                    AdaptiveConcurrency.between(1, 1).withPermitWait(Duration.ZERO)));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> holding =
        CompletableFuture.supplyAsync(() -> callQuietly(api, release));
    waitUntilInFlight(1);

    assertThat(api.<Object>call("batch", Priority.LOW, this::succeeding)).isEqualTo("later");
    release.countDown();
    holding.get(5, TimeUnit.SECONDS);
  }

  @Test
  void theGuaranteedShareGoesByPriorityNotByTheLanesName() throws Exception {
    GuardedDependency api =
        dependency(
            DependencyPolicy.withoutBreaker()
                .withAdaptiveConcurrency(
                    AdaptiveConcurrency.between(2, 2)
                        .withRealtimeShare(50)
                        .withPermitWait(Duration.ZERO)));
    CountDownLatch release = new CountDownLatch(1);
    // A thread each: the common pool may have a single thread on a small machine.
    CompletableFuture<Object> first =
        CompletableFuture.supplyAsync(
            () -> callQuietly(api, release), runnable -> new Thread(runnable).start());
    CompletableFuture<Object> second =
        CompletableFuture.supplyAsync(
            () -> callQuietly(api, release), runnable -> new Thread(runnable).start());
    waitUntilInFlight(2);

    assertThatThrownBy(
            () ->
                new LaneDependencies(registry, "realtime", Priority.LOW)
                    .get("api")
                    .call(this::succeeding))
        .as("named realtime, but low priority: no guaranteed share")
        .isInstanceOf(DependencyUnavailableException.class);
    assertThat(
            new LaneDependencies(registry, "payments", Priority.HIGH)
                .get("api")
                .call(this::succeeding))
        .as("high priority under another name: its share is kept")
        .isEqualTo("ok");

    release.countDown();
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
  }

  private GuardedDependency dependency(DependencyPolicy policy) {
    registry = new DependencyRegistry(Map.of("api", policy), meters);
    return registry.get("api");
  }

  private Object callQuietly(GuardedDependency api, CountDownLatch release) {
    try {
      return api.call("batch", Priority.LOW, () -> blockUntil(release));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String blockUntil(CountDownLatch release) throws InterruptedException {
    calls.incrementAndGet();
    release.await();
    return "ok";
  }

  private String succeeding() {
    calls.incrementAndGet();
    return "ok";
  }

  private String failing() throws IOException {
    calls.incrementAndGet();
    throw new IOException("refused");
  }

  private void waitUntilInFlight(int expected) throws InterruptedException {
    // A latch handshake, not a sleep: spin until the holder has its permit.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (gauge(MetricNames.DEPENDENCY_IN_FLIGHT) < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(gauge(MetricNames.DEPENDENCY_IN_FLIGHT)).isEqualTo(expected);
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }
}
