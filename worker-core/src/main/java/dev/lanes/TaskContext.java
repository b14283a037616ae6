package dev.lanes;

/**
 * Where a task came from and which attempt this is.
 *
 * @param lane the lane running the task
 * @param attempt 1 for the first attempt
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param key the record key (ordering key) as UTF-8, or null when the record has none
 * @param dependencies the external dependencies the handler may call
 */
public record TaskContext(
    String lane,
    int attempt,
    String topic,
    int partition,
    long offset,
    String key,
    Dependencies dependencies) {

  /** A context without dependencies, e.g. for a handler's unit test. */
  public TaskContext(
      String lane, int attempt, String topic, int partition, long offset, String key) {
    this(lane, attempt, topic, partition, offset, key, Dependencies.none());
  }

  /**
   * The named dependency, to call through its breaker: {@code
   * context.dependency("payments-api").call(() -> ...)}.
   */
  public Dependency dependency(String name) {
    return dependencies.get(name);
  }

  /** Topic-partition-offset, the form operators grep logs for. */
  public String coordinates() {
    return topic + "-" + partition + "@" + offset;
  }
}
