package dev.lanes;

/**
 * How a retry delay is randomised around its base delay {@code d}, so that tasks which failed
 * together (a dependency outage) do not all come back at the same moment.
 */
public enum Jitter {
  /** Exactly {@code d}: predictable, but tasks that failed together retry together. */
  NONE,
  /** Uniform in {@code [0, d]}: spreads retries the most, but a retry may come almost at once. */
  FULL,
  /** {@code d/2} + uniform in {@code [0, d/2]}: spreads retries and still waits at least half. */
  EQUAL;

  /** This jitter applied to {@code baseMillis}, with {@code random} in [0, 1). */
  long apply(long baseMillis, double random) {
    long jittered =
        switch (this) {
          case NONE -> baseMillis;
          case FULL -> (long) (baseMillis * random);
          case EQUAL -> {
            long half = baseMillis / 2;
            yield half + (long) ((baseMillis - half) * random);
          }
        };
    // doubles cannot hold every long: rounding must not push a delay past its base
    return Math.min(jittered, baseMillis);
  }
}
