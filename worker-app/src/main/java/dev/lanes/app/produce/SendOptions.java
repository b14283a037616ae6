package dev.lanes.app.produce;

/**
 * How tasks are sent.
 *
 * @param key the record key of every task, or null for none (tasks spread over partitions)
 * @param ratePerSecond records per second at most, or null for as fast as the broker takes them
 */
public record SendOptions(String key, Double ratePerSecond) {

  public SendOptions {
    if (ratePerSecond != null && (!(ratePerSecond > 0) || ratePerSecond.isInfinite())) {
      throw new IllegalArgumentException(
          "ratePerSecond must be a positive number, was " + ratePerSecond);
    }
  }

  /** No key, no rate limit. */
  public static SendOptions defaults() {
    return new SendOptions(null, null);
  }

  public SendOptions withKey(String key) {
    return new SendOptions(key, ratePerSecond);
  }

  public SendOptions withRate(double ratePerSecond) {
    return new SendOptions(key, ratePerSecond);
  }

  Pacer pacer() {
    return ratePerSecond == null ? Pacer.unlimited() : Pacer.perSecond(ratePerSecond);
  }
}
