package dev.lanes.app.produce;

/**
 * What a send did.
 *
 * @param topic where the tasks went
 * @param total tasks there were to send
 * @param acknowledged records the broker acknowledged on every in-sync replica
 * @param failed records the broker did not take
 * @param firstFailure the failure of the first record (in input order) that failed, naming it; null
 *     when none did
 */
public record SendResult(
    String topic, int total, long acknowledged, long failed, RuntimeException firstFailure) {

  /** Every task was acknowledged. */
  public boolean succeeded() {
    return acknowledged == total;
  }
}
