package dev.lanes.internal.dispatch;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs batches that share an ordering key one at a time, in the order they were admitted. The
 * running batch heads its chain; later ones are linked behind the chain's tail and started by the
 * worker that finishes their predecessor. One instance per partition, so workers of different
 * partitions never contend on the same lock.
 */
public final class KeyedChains {

  private final Map<Object, TaskBatch> tails = new HashMap<>();

  /** Returns true when {@code batch} may start now; otherwise it waits behind its key's tail. */
  synchronized boolean admit(Object key, TaskBatch batch) {
    TaskBatch tail = tails.put(key, batch);
    if (tail == null) {
      return true;
    }
    tail.next = batch;
    return false;
  }

  /** Called when {@code batch} finished; returns the batch to start next for its key, if any. */
  synchronized TaskBatch finish(Object key, TaskBatch batch) {
    TaskBatch next = batch.next;
    if (next == null) {
      tails.remove(key);
    }
    batch.next = null;
    return next;
  }

  synchronized int activeKeys() {
    return tails.size();
  }
}
