package dev.lanes.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerProbeTest {

  private static final BrokerStatus DOWN = BrokerStatus.unreachable("no answer within 2000 ms");

  private final TestClock clock = new TestClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final AtomicInteger checks = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedChecks() {
    release.countDown();
  }

  @Test
  void anAnswerIsReusedForASecondThenTheBrokerIsAskedAgain() {
    BrokerProbe probe = probe(() -> checks.incrementAndGet() == 1 ? BrokerStatus.REACHABLE : DOWN);

    assertThat(probe.status()).isEqualTo(BrokerStatus.REACHABLE);
    clock.advance(Duration.ofMillis(999));
    assertThat(probe.status()).isEqualTo(BrokerStatus.REACHABLE);
    assertThat(checks).hasValue(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(probe.status()).isEqualTo(DOWN);
    assertThat(checks).hasValue(2);
  }

  @Test
  void aClockSetBackDoesNotKeepAnOldAnswer() {
    BrokerProbe probe = probe(() -> checks.incrementAndGet() == 1 ? BrokerStatus.REACHABLE : DOWN);
    probe.status();

    clock.advance(Duration.ofMinutes(-5));

    assertThat(probe.status()).isEqualTo(DOWN);
  }

  @Test
  void whileTheBrokerIsAskedOtherCallersGetTheLastAnswerWithoutWaiting() throws Exception {
    AtomicBoolean entered = new AtomicBoolean();
    BrokerProbe probe =
        probe(
            () -> {
              if (checks.incrementAndGet() == 1) {
                return BrokerStatus.REACHABLE;
              }
              entered.set(true);
              awaitRelease();
              return DOWN;
            });
    probe.status();
    clock.advance(BrokerProbe.ANSWER_TTL);

    CompletableFuture<BrokerStatus> asking = CompletableFuture.supplyAsync(probe::status);
    await().untilTrue(entered);

    assertThat(probe.status()).isEqualTo(BrokerStatus.REACHABLE);
    release.countDown();
    assertThat(asking.get(5, TimeUnit.SECONDS)).isEqualTo(DOWN);
    assertThat(probe.status()).isEqualTo(DOWN);
    assertThat(checks).hasValue(2);
  }

  @Test
  void beforeTheFirstAnswerOtherCallersAreToldItIsPending() {
    AtomicBoolean entered = new AtomicBoolean();
    BrokerProbe probe =
        probe(
            () -> {
              entered.set(true);
              awaitRelease();
              return BrokerStatus.REACHABLE;
            });

    CompletableFuture<BrokerStatus> asking = CompletableFuture.supplyAsync(probe::status);
    await().untilTrue(entered);

    assertThat(probe.status().describe()).isEqualTo("unreachable: first check in progress");
    release.countDown();
    assertThat(asking).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(BrokerStatus.REACHABLE);
  }

  @Test
  void aFailureIsDescribedByItsTypeAndMessage() {
    assertThat(
            BrokerProbe.reason(
                new TimeoutException(
                    "Timed out waiting for a node assignment. Call: describeCluster")))
        .isEqualTo(
            "TimeoutException: Timed out waiting for a node assignment. Call: describeCluster");
    assertThat(BrokerProbe.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
  }

  @Test
  void closeReleasesTheClient() {
    AtomicBoolean closed = new AtomicBoolean();
    BrokerProbe probe =
        new BrokerProbe(() -> BrokerStatus.REACHABLE, clock, () -> closed.set(true));

    probe.close();

    assertThat(closed).isTrue();
  }

  private BrokerProbe probe(Supplier<BrokerStatus> check) {
    return new BrokerProbe(check, clock, () -> {});
  }

  private void awaitRelease() {
    try {
      if (!release.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the check");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
