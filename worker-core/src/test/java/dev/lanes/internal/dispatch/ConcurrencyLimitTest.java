package dev.lanes.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void theWorkerThatFinishesABatchRunsTheHeldOnesInOrder() {
    limit.setLimit(1);
    limit.execute(batch("a"));
    limit.execute(batch("b"));
    limit.execute(batch("c"));

    pool.poll().run();

    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(pool).as("no hand-over through the pool").isEmpty();
    assertThat(limit.held()).isZero();
  }

  @Test
  void aBatchThatWantsToKnowHearsWhenItsThreadStopsRunningBatches() {
    limit.setLimit(1);
    List<String> ended = new ArrayList<>();
    limit.execute(aware("a", ended));
    limit.execute(aware("b", ended));

    pool.poll().run();

    assertThat(ran).containsExactly("a", "b");
    assertThat(ended).as("only the last batch of the thread's run").containsExactly("b");
  }

  private Runnable aware(String name, List<String> ended) {
    class Aware implements Runnable, ConcurrencyLimit.RunAware {
      @Override
      public void run() {
        ran.add(name);
      }

      @Override
      public void runEnded() {
        ended.add(name);
      }
    }
    return new Aware();
  }

  @Test
  void aLoweredLimitStopsTheWorkerFromRunningHeldBatches() {
    limit.setLimit(2);
    limit.execute(batch("a"));
    limit.execute(batch("b"));
    limit.execute(batch("c"));
    limit.setLimit(1);

    pool.poll().run();

    assertThat(ran).as("two ran, one permit left: c waits").containsExactly("a");
    assertThat(limit.held()).isEqualTo(1);
    pool.poll().run();
    assertThat(ran).containsExactly("a", "b", "c");
  }

  @Test
  void aBatchThatThrowsGivesItsPermitBack() {
    limit.setLimit(1);
    limit.execute(
        () -> {
          throw new IllegalStateException("boom");
        });
    limit.execute(batch("b"));

    assertThatThrownBy(() -> pool.poll().run()).hasMessage("boom");

    assertThat(pool).as("b started on another thread").hasSize(1);
    pool.poll().run();
    assertThat(ran).containsExactly("b");
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
  void underRacingSubmittersAndWorkersEveryBatchRunsAndNeverMoreThanTheLimitAtOnce()
      throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      ConcurrencyLimit racing = new ConcurrencyLimit(threads, 4);
      racing.setLimit(2);
      int batches = 20_000;
      CountDownLatch done = new CountDownLatch(batches);
      AtomicInteger running = new AtomicInteger();
      AtomicInteger mostAtOnce = new AtomicInteger();
      Runnable batch =
          () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            running.decrementAndGet();
            done.countDown();
          };
      Thread[] submitters = new Thread[2];
      for (int t = 0; t < submitters.length; t++) {
        submitters[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < batches / 2; i++) {
                    racing.execute(batch);
                  }
                });
        submitters[t].start();
      }
      for (Thread submitter : submitters) {
        submitter.join();
      }

      assertThat(done.await(30, TimeUnit.SECONDS))
          .as("no batch left held while a permit was free; %s left", done.getCount())
          .isTrue();
      assertThat(mostAtOnce.get()).isLessThanOrEqualTo(2);
      assertThat(racing.held()).isZero();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void refusesALimitOutsideThePool() {
    assertThatThrownBy(() -> limit.setLimit(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 5");
  }
}
