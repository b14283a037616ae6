package dev.lanes.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limit over a pool whose "threads" the test runs by hand. */
class ConcurrencyLimitTest {

  private final Deque<Runnable> pool = new ArrayDeque<>();
  private final List<String> ran = new ArrayList<>();
  private final ConcurrencyLimit limit = new ConcurrencyLimit(pool::add, 4);

  private Runnable batch(String name) {
    return () -> ran.add(name);
  }

  @Test
  void startsUpToTheLimitAndHoldsTheRestWithoutBlocking() {
    limit.setLimit(2);

    limit.execute(batch("a"));
    limit.execute(batch("b"));
    limit.execute(batch("c"));

    assertThat(pool).hasSize(2);
    assertThat(limit.held()).isEqualTo(1);
  }

  @Test
  void aFinishedBatchStartsTheNextHeldOne() {
    limit.setLimit(1);
    limit.execute(batch("a"));
    limit.execute(batch("b"));

    pool.poll().run();

    assertThat(ran).containsExactly("a");
    assertThat(pool).hasSize(1);
    pool.poll().run();
    assertThat(ran).containsExactly("a", "b");
  }

  @Test
  void loweringTheLimitInterruptsNothingAndRaisingItStartsHeldBatches() {
    limit.execute(batch("a"));
    limit.execute(batch("b"));
    limit.setLimit(0);
    limit.execute(batch("c"));

    assertThat(pool).as("started batches stay started").hasSize(2);
    assertThat(limit.holdsFetching()).isTrue();

    limit.setLimit(4);

    assertThat(pool).hasSize(3);
    assertThat(limit.held()).isZero();
  }

  @Test
  void liftingForAStopStartsEveryHeldBatch() {
    limit.setLimit(0);
    limit.execute(batch("a"));
    limit.execute(batch("b"));

    limit.lift();

    assertThat(pool).hasSize(2);
    assertThat(limit.holdsFetching()).isFalse();
  }

  @Test
  void refusesALimitOutsideThePool() {
    assertThatThrownBy(() -> limit.setLimit(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 5");
  }
}
