package dev.lanes.internal.dispatch;

import java.util.Arrays;

/**
 * Spreads record keys over a fixed set of ordered slots: the same key always lands in the same
 * slot, so running each slot's records one batch at a time, in offset order, keeps every key's
 * order. A poll's records of one slot then travel as one batch, where interleaved keys would make
 * each record its own batch (an allocation, chain operations and a thread hand-off per record).
 *
 * <p>The price: a slow task also delays the later tasks of the other keys in its slot, like
 * partition ordering over {@link #count()} sub-partitions.
 */
final class KeySlots {

  /**
   * Slots per worker thread. More slots make smaller batches (a hand-off for fewer records) but
   * fewer keys per slot, so fewer tasks wait behind a slow one and the slots' queues even out.
   * Measured on 2 cores with 1,000 keys over 6 partitions: with 64 threads and 20 ms tasks under
   * KEY order, 4 slots per thread reached 0.92 of the thread bound, 8 reached 0.95 and 16 reached
   * 0.97 (one chain per key: 0.98), the tail being the slots that drew the most keys; a CPU-bound
   * no-op lane with 2 or 8 threads showed no difference in CPU per record between 4 and 16 beyond
   * the noise.
   */
  static final int SLOTS_PER_THREAD = 16;

  // One chain key per slot, made once: a slot's batches chain behind each other in the
  // partition's KeyedChains without a key object per batch.
  private final Object[] chainKeys;

  KeySlots(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
    }
    chainKeys = new Object[SLOTS_PER_THREAD * concurrency];
    for (int i = 0; i < chainKeys.length; i++) {
      chainKeys[i] = new Slot(i);
    }
  }

  int count() {
    return chainKeys.length;
  }

  /** The slot of {@code key}: the same for equal keys, spread evenly over distinct ones. */
  int slotOf(byte[] key) {
    // Keys that differ only in their last bytes ("customer-17", "customer-18") have hash codes
    // that differ only in their low bits, and the reduction below reads the high bits: mix first
    // (murmur3's finalizer).
    int hash = Arrays.hashCode(key);
    hash ^= hash >>> 16;
    hash *= 0x85EBCA6B;
    hash ^= hash >>> 13;
    hash *= 0xC2B2AE35;
    hash ^= hash >>> 16;
    // Multiply-shift maps the hash onto 0..count-1 without a division.
    return (int) (((hash & 0xFFFFFFFFL) * chainKeys.length) >>> 32);
  }

  Object chainKey(int slot) {
    return chainKeys[slot];
  }

  private record Slot(int index) {}
}
