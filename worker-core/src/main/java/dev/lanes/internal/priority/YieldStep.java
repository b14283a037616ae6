package dev.lanes.internal.priority;

/**
 * One lane's yield state and the pure decision of its next concurrency limit, once per interval.
 * While a more important lane misses its objective, the limit halves down to the floor; once every
 * such lane has met its objective with a margin for a whole window, it doubles back up to the pool
 * size, one step per interval. Between the two (met, but close), nothing moves: that band and the
 * window are the hysteresis that keeps it from flapping.
 *
 * @param limit the lane's current concurrency limit
 * @param heldTicks consecutive intervals in which the objectives held with a margin
 */
record YieldStep(int limit, int heldTicks) {

  /** How the most important lanes did against their objectives in the last window. */
  enum Verdict {
    MISSED,
    CLOSE,
    HELD
  }

  static YieldStep start(int poolSize) {
    return new YieldStep(poolSize, 0);
  }

  YieldStep next(Verdict verdict, int poolSize, int floor, int windowTicks) {
    return switch (verdict) {
      case MISSED -> new YieldStep(Math.max(floor, limit / 2), 0);
      case CLOSE -> new YieldStep(limit, 0);
      case HELD -> {
        int held = heldTicks + 1;
        if (held < windowTicks || limit >= poolSize) {
          yield new YieldStep(limit, held);
        }
        yield new YieldStep(Math.min(poolSize, Math.max(1, limit * 2)), held);
      }
    };
  }

  boolean yielding(int poolSize) {
    return limit < poolSize;
  }
}
