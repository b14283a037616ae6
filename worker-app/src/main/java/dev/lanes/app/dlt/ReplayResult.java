package dev.lanes.app.dlt;

/**
 * What a replay did.
 *
 * @param target the topic the dead letters went to
 * @param replayed dead letters written to the target (in a dry run: that would have been)
 * @param skipped selected dead letters left out because an earlier run replayed them
 * @param failed dead letters not replayed, or replayed but not recorded in the replay log
 * @param firstFailure the first of those failures, or null
 * @param dryRun whether nothing was sent
 */
public record ReplayResult(
    String target, int replayed, int skipped, int failed, Throwable firstFailure, boolean dryRun) {

  public boolean succeeded() {
    return failed == 0;
  }
}
