package dev.lanes.internal.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DependencyWaitsTest {

  private static final TopicPartition P0 = new TopicPartition("tasks", 0);
  private static final TopicPartition P1 = new TopicPartition("tasks", 1);
  private static final TopicPartition P2 = new TopicPartition("tasks", 2);

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final DependencyWaits waits = new DependencyWaits(nanos::get);

  @Test
  void recordsWhichPartitionsWaitOnWhichDependencyLongestWaitingFirst() {
    assertThat(waits.waitOn(P2, "payments")).isTrue();
    assertThat(waits.waitOn(P0, "search")).isTrue();
    assertThat(waits.waitOn(P1, "payments")).isTrue();

    assertThat(waits.waitingOn("payments")).containsExactly(P2, P1);
    assertThat(waits.waitingOn("search")).containsExactly(P0);
    assertThat(waits.dependencies()).containsExactly("payments", "search");
    assertThat(waits.dependencyOf(P1)).isEqualTo("payments");
    assertThat(waits.dependencyOf(new TopicPartition("other", 0))).isNull();
  }

  @Test
  void aPartitionWaitsOnOneDependencyAtATime() {
    waits.waitOn(P0, "payments");

    assertThat(waits.waitOn(P0, "search")).isFalse();
    assertThat(waits.dependencyOf(P0)).isEqualTo("payments");
  }

  @Test
  void releaseEndsTheWaitAndSaysHowLongItLasted() {
    waits.waitOn(P0, "payments");
    nanos.addAndGet(Duration.ofMillis(1500).toNanos());

    assertThat(waits.release(P0)).isEqualTo(Duration.ofMillis(1500));
    assertThat(waits.isEmpty()).isTrue();
    assertThatThrownBy(() -> waits.release(P0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void revokedOrLostPartitionsAreForgottenAndTheirDependenciesReported() {
    waits.waitOn(P0, "payments");
    waits.waitOn(P1, "search");
    waits.waitOn(P2, "payments");

    List<String> dropped = waits.forget(List.of(P0, P1, new TopicPartition("tasks", 9)));

    assertThat(dropped).containsExactly("payments", "search");
    assertThat(waits.waitingOn("payments")).containsExactly(P2);
    assertThat(waits.dependencies()).containsExactly("payments");
  }

  @Test
  void assignedPartitionsThatStillWaitMustBePausedAgain() {
    waits.waitOn(P1, "payments");

    assertThat(waits.stillWaiting(List.of(P0, P1, P2))).containsExactly(P1);

    waits.forget(List.of(P1));
    assertThat(waits.stillWaiting(List.of(P0, P1, P2))).isEmpty();
  }
}
