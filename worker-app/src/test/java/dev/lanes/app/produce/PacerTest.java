package dev.lanes.app.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

  private long now = 1_000_000_000L;
  private final List<Long> sleeps = new ArrayList<>();
  private final Pacer.Sleeper sleeper =
      nanos -> {
        sleeps.add(nanos);
        now += nanos;
      };

  @Test
  void spacesRecordsEvenlyFromTheFirst() throws InterruptedException {
    Pacer pacer = Pacer.perSecond(4, () -> now, sleeper);

    for (int i = 0; i < 5; i++) {
      pacer.awaitTurn(i);
    }

    assertThat(sleeps).containsExactly(ms(250), ms(250), ms(250), ms(250));
  }

  @Test
  void aLateSendIsMadeUpByNotWaitingForTheNext() throws InterruptedException {
    Pacer pacer = Pacer.perSecond(10, () -> now, sleeper);
    pacer.awaitTurn(0);
    now += ms(350); // the first send took longer than three turns

    pacer.awaitTurn(1);
    pacer.awaitTurn(2);
    pacer.awaitTurn(3);
    pacer.awaitTurn(4);

    assertThat(sleeps).containsExactly(ms(50));
  }

  @Test
  void unlimitedNeverWaits() throws InterruptedException {
    Pacer pacer = Pacer.unlimited();

    for (int i = 0; i < 1000; i++) {
      pacer.awaitTurn(i);
    }

    assertThat(sleeps).isEmpty();
  }

  @Test
  void rateMustBePositive() {
    assertThatThrownBy(() -> Pacer.perSecond(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be a positive number, was 0.0");
    assertThatThrownBy(() -> new SendOptions(null, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ratePerSecond must be a positive number, was NaN");
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
