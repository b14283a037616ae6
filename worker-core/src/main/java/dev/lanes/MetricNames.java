package dev.lanes;

/** Every metric name and tag key the runtime publishes, in one place for dashboards and tests. */
public final class MetricNames {

  /** Counter of finished tasks. Tags: lane, type, outcome. */
  public static final String TASKS = "lanes.tasks";

  /** Counter of records that are not valid tasks. Tags: lane, reason. */
  public static final String TASKS_REJECTED = "lanes.tasks.rejected";

  /** Timer of handler calls. Tags: lane, type. */
  public static final String HANDLER_DURATION = "lanes.handler.duration";

  /** Gauge of tasks polled and not yet finished. Tags: lane. */
  public static final String IN_FLIGHT = "lanes.inflight";

  /** Gauge of partitions whose fetching is paused. Tags: lane. */
  public static final String PAUSED_PARTITIONS = "lanes.partitions.paused";

  /** Timer of offset commits, from request to acknowledgement. Tags: lane. */
  public static final String COMMIT_LATENCY = "lanes.commit.latency";

  /** Counter of offset commits that failed. Tags: lane. */
  public static final String COMMIT_FAILURES = "lanes.commit.failures";

  /** Gauge of task batches waiting in the lane's executor queue. Tags: lane. */
  public static final String EXECUTOR_QUEUED = "lanes.executor.queued";

  /** Gauge of lane threads running a task. Tags: lane. */
  public static final String EXECUTOR_ACTIVE = "lanes.executor.active";

  public static final String TAG_LANE = "lane";
  public static final String TAG_TYPE = "type";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_REASON = "reason";

  /** Values of the outcome tag. */
  public static final String OUTCOME_SUCCEEDED = "succeeded";

  public static final String OUTCOME_FAILED = "failed";
  public static final String OUTCOME_FAILED_FATAL = "failed_fatal";

  private MetricNames() {}
}
