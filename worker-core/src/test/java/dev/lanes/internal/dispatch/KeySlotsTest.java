package dev.lanes.internal.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeySlotsTest {

  @Test
  void aKeyAlwaysLandsInTheSameSlot() {
    KeySlots slots = new KeySlots(4);
    KeySlots another = new KeySlots(4);

    for (int i = 0; i < 100; i++) {
      byte[] key = ("customer-" + i).getBytes(UTF_8);
      assertThat(another.slotOf(key.clone())).isEqualTo(slots.slotOf(key));
    }
  }

  @Test
  void similarKeysSpreadEvenlyOverEverySlot() {
    KeySlots slots = new KeySlots(1);
    int[] keysPerSlot = new int[slots.count()];

    for (int i = 0; i < 1600; i++) {
      keysPerSlot[slots.slotOf(("key-" + i).getBytes(UTF_8))]++;
    }

    // 100 keys per slot on average; a poor mix of the low hash bits would leave slots empty.
    assertThat(Arrays.stream(keysPerSlot).min().getAsInt()).isGreaterThanOrEqualTo(60);
    assertThat(Arrays.stream(keysPerSlot).max().getAsInt()).isLessThanOrEqualTo(140);
  }

  @Test
  void thereAreSixteenSlotsPerThread() {
    assertThat(new KeySlots(1).count()).isEqualTo(16);
    assertThat(new KeySlots(8).count()).isEqualTo(128);
  }

  @Test
  void eachSlotHasItsOwnChainKey() {
    KeySlots slots = new KeySlots(1);

    assertThat(slots.chainKey(0)).isNotEqualTo(slots.chainKey(1)).isSameAs(slots.chainKey(0));
  }

  @Test
  void rejectsAConcurrencyBelowOne() {
    assertThatThrownBy(() -> new KeySlots(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }
}
