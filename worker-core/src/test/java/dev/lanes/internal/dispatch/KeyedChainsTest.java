package dev.lanes.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.offsets.PartitionState;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KeyedChainsTest {

  private final KeyedChains chains = new KeyedChains();
  private final PartitionState partition = new PartitionState(new TopicPartition("t", 0), 8, false);

  @Test
  void firstBatchOfAKeyStartsAndLaterOnesWaitInOrder() {
    TaskBatch first = batch();
    TaskBatch second = batch();
    TaskBatch third = batch();

    assertThat(chains.admit("k", first)).isTrue();
    assertThat(chains.admit("k", second)).isFalse();
    assertThat(chains.admit("k", third)).isFalse();

    assertThat(chains.finish("k", first)).isSameAs(second);
    assertThat(chains.finish("k", second)).isSameAs(third);
    assertThat(chains.finish("k", third)).isNull();
    assertThat(chains.activeKeys()).isZero();
  }

  @Test
  void differentKeysDoNotWaitForEachOther() {
    assertThat(chains.admit("a", batch())).isTrue();
    assertThat(chains.admit("b", batch())).isTrue();
    assertThat(chains.activeKeys()).isEqualTo(2);
  }

  @Test
  void aKeyStartsAfreshOnceItsChainHasDrained() {
    TaskBatch first = batch();
    chains.admit("k", first);
    chains.finish("k", first);

    assertThat(chains.admit("k", batch())).isTrue();
  }

  private TaskBatch batch() {
    return new TaskBatch(null, partition, List.of(), 0, 0, "k");
  }
}
