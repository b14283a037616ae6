package dev.lanes.internal.poll;

import java.time.Duration;

/**
 * Decides when a main-topic loop that owns no partition says so: once, after it owned none for
 * {@link #AFTER}, and again only after it owned some in between. Not at once, since a cooperative
 * rebalance first hands a joining member nothing and its partitions a moment later. Poll thread
 * only.
 */
final class IdleWarning {

  /** How long a joined loop may own no partition before it says so. */
  static final Duration AFTER = Duration.ofSeconds(10);

  private long idleSinceNanos;
  private boolean idle;
  private boolean warned;

  /**
   * The group changed the loop's assignment; true when a loop that had warned got partitions back.
   */
  boolean assigned(int partitions, long nowNanos) {
    if (partitions == 0) {
      if (!idle) {
        idle = true;
        idleSinceNanos = nowNanos;
      }
      return false;
    }
    idle = false;
    boolean recovered = warned;
    warned = false;
    return recovered;
  }

  /** True once per idle spell, when the loop has owned no partition for {@link #AFTER}. */
  boolean due(long nowNanos) {
    if (idle && !warned && nowNanos - idleSinceNanos >= AFTER.toNanos()) {
      warned = true;
      return true;
    }
    return false;
  }
}
