package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** The largest value a [0, 1) random source can return. */
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  private static final DoubleSupplier NOT_CALLED =
      () -> {
        throw new AssertionError("random must not be used");
      };

  private final Backoff tenfold =
      Backoff.exponential(Duration.ofSeconds(1), 10.0, Duration.ofMinutes(5));

  @Test
  void baseDelayGrowsByTheMultiplierUntilTheCap() {
    assertThat(tenfold.baseDelay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(tenfold.baseDelay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(tenfold.baseDelay(3)).isEqualTo(Duration.ofSeconds(100));
    assertThat(tenfold.baseDelay(4)).isEqualTo(Duration.ofMinutes(5));
    assertThat(tenfold.baseDelay(5)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void hugeRetryNumbersStayAtTheCapInsteadOfOverflowing() {
    Backoff slow = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofDays(365_000));

    assertThat(tenfold.baseDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    assertThat(slow.baseDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365_000));
    assertThat(slow.baseDelay(1_100)).isEqualTo(Duration.ofDays(365_000));
  }

  @Test
  void fractionalDelaysKeepSubMillisecondPrecisionWithoutRoundingErrors() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 1.5, Duration.ofMinutes(1));
    Backoff triple = Backoff.exponential(Duration.ofMillis(700), 3.0, Duration.ofMinutes(1));

    assertThat(backoff.baseDelay(2)).isEqualTo(Duration.ofMillis(150));
    assertThat(backoff.baseDelay(4)).isEqualTo(Duration.ofNanos(337_500_000));
    assertThat(triple.baseDelay(2)).isEqualTo(Duration.ofMillis(2_100));
  }

  @Test
  void exponentialUsesEqualJitterAndFixedUsesNone() {
    Backoff fixed = Backoff.fixed(Duration.ofSeconds(30));

    assertThat(tenfold.jitter()).isEqualTo(Jitter.EQUAL);
    assertThat(fixed)
        .isEqualTo(new Backoff(Duration.ofSeconds(30), 1.0, Duration.ofSeconds(30), Jitter.NONE));
    assertThat(fixed.baseDelay(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(fixed.baseDelay(1_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void noJitterReturnsTheBaseDelayWithoutDrawingARandom() {
    Backoff backoff = tenfold.withJitter(Jitter.NONE);

    assertThat(backoff.delay(2, NOT_CALLED)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Backoff.fixed(Duration.ofNanos(1_500)).delay(3, NOT_CALLED))
        .isEqualTo(Duration.ofNanos(1_500));
  }

  @Test
  void fullJitterSpreadsOverZeroToTheBaseDelay() {
    Backoff backoff = tenfold.withJitter(Jitter.FULL);

    assertThat(backoff.delay(2, () -> 0.0)).isEqualTo(Duration.ZERO);
    assertThat(backoff.delay(2, () -> 0.25)).isEqualTo(Duration.ofMillis(2_500));
    assertThat(backoff.delay(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(2, () -> ALMOST_ONE)).isEqualTo(Duration.ofMillis(9_999));
  }

  @Test
  void equalJitterWaitsAtLeastHalfTheBaseDelay() {
    assertThat(tenfold.delay(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(tenfold.delay(2, () -> 0.5)).isEqualTo(Duration.ofMillis(7_500));
    assertThat(tenfold.delay(2, () -> ALMOST_ONE)).isEqualTo(Duration.ofMillis(9_999));
    assertThat(tenfold.delay(4, () -> 0.0)).isEqualTo(Duration.ofMillis(150_000));
  }

  @Test
  void jitteredDelaysStayBetweenZeroAndTheBaseDelay() {
    Backoff odd = Backoff.exponential(Duration.ofMillis(3), 1.7, Duration.ofHours(1));
    for (Jitter jitter : Jitter.values()) {
      for (Backoff backoff : new Backoff[] {tenfold.withJitter(jitter), odd.withJitter(jitter)}) {
        for (int retry = 1; retry <= 30; retry++) {
          for (double random : new double[] {0.0, 0.1, 0.333, 0.5, 0.9, ALMOST_ONE}) {
            Duration delay = backoff.delay(retry, () -> random);

            assertThat(delay).isBetween(Duration.ZERO, backoff.baseDelay(retry));
          }
        }
      }
    }
  }

  @Test
  void randomOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> tenfold.delay(1, () -> 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("random must be in [0, 1), was 1.0");
    assertThatThrownBy(() -> tenfold.delay(1, () -> -0.1))
        .hasMessage("random must be in [0, 1), was -0.1");
  }

  @Test
  void retriesAreNumberedFromOne() {
    assertThatThrownBy(() -> tenfold.baseDelay(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry must be >= 1, was 0");
  }

  @Test
  void withJitterCopiesAndLeavesTheOriginalAlone() {
    Backoff full = tenfold.withJitter(Jitter.FULL);

    assertThat(full.jitter()).isEqualTo(Jitter.FULL);
    assertThat(full.initialDelay()).isEqualTo(tenfold.initialDelay());
    assertThat(tenfold.jitter()).isEqualTo(Jitter.EQUAL);
  }

  @Test
  void validationNamesTheFieldAndTheValue() {
    Duration second = Duration.ofSeconds(1);
    Duration minute = Duration.ofMinutes(1);

    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, 2.0, minute))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialDelay must be > 0, was PT0S");
    assertThatThrownBy(() -> Backoff.fixed(null)).hasMessage("initialDelay must be > 0, was null");
    assertThatThrownBy(() -> Backoff.exponential(second, 0.5, minute))
        .hasMessage("multiplier must be a finite number >= 1.0, was 0.5");
    assertThatThrownBy(() -> Backoff.exponential(second, Double.NaN, minute))
        .hasMessage("multiplier must be a finite number >= 1.0, was NaN");
    assertThatThrownBy(() -> Backoff.exponential(second, Double.POSITIVE_INFINITY, minute))
        .hasMessage("multiplier must be a finite number >= 1.0, was Infinity");
    assertThatThrownBy(() -> Backoff.exponential(minute, 2.0, second))
        .hasMessage("maxDelay must be >= initialDelay (PT1M), was PT1S");
    assertThatThrownBy(() -> tenfold.withJitter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("jitter");
  }
}
