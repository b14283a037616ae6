package dev.lanes;

/** Every metric name and tag key the runtime publishes, in one place for dashboards and tests. */
public final class MetricNames {

  /** Counter of finished tasks. Tags: lane, type, outcome. */
  public static final String TASKS = "lanes.tasks";

  /** Counter of records that are not valid tasks. Tags: lane, reason. */
  public static final String TASKS_REJECTED = "lanes.tasks.rejected";

  /** Function timer (count and total) of handler calls. Tags: lane, type. */
  public static final String HANDLER_DURATION = "lanes.handler.duration";

  /** Time gauge of the longest {@link #HANDLER_DURATION} of the last minutes. Tags: lane, type. */
  public static final String HANDLER_DURATION_MAX = "lanes.handler.duration.max";

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

  /**
   * Counter of failed tasks forwarded to a retry topic. Tags: lane, attempt (the one that failed).
   */
  public static final String TASKS_RETRIED = "lanes.tasks.retried";

  /** Counter of records forwarded to the dead-letter topic. Tags: lane, reason. */
  public static final String TASKS_DEAD_LETTERED = "lanes.tasks.dead.lettered";

  /** Counter of forwards to retry or dead-letter topics that failed and will be sent again. */
  public static final String FORWARD_FAILURES = "lanes.forward.failures";

  /** Gauge of forwards sent and not yet acknowledged (their source offsets wait). Tags: lane. */
  public static final String FORWARD_PENDING = "lanes.forward.pending";

  /** Timer of how late retries start after their due time. Tags: lane. */
  public static final String RETRY_OVERSHOOT = "lanes.retry.overshoot";

  /** Gauge of retry partitions paused until their head record is due. Tags: lane. */
  public static final String RETRY_WAITING_PARTITIONS = "lanes.retry.waiting.partitions";

  /** Counter of dependency calls. Tags: dependency, outcome (success, failure, rejected). */
  public static final String DEPENDENCY_CALLS = "lanes.dependency.calls";

  /** Gauge of a dependency's breaker: 0 closed, 1 half-open, 2 open. Tags: dependency. */
  public static final String DEPENDENCY_BREAKER_STATE = "lanes.dependency.breaker.state";

  /** Gauge of partitions paused until the dependency recovers. Tags: dependency. */
  public static final String DEPENDENCY_PAUSED_PARTITIONS = "lanes.dependency.paused.partitions";

  /** Timer of how long partitions waited for the dependency. Tags: dependency. */
  public static final String DEPENDENCY_PAUSED_TIME = "lanes.dependency.paused.time";

  /** Gauge of a dependency's adaptive concurrency limit. Tags: dependency. */
  public static final String DEPENDENCY_LIMIT = "lanes.dependency.limit";

  /** Gauge of calls holding a permit of the dependency's adaptive limit. Tags: dependency. */
  public static final String DEPENDENCY_IN_FLIGHT = "lanes.dependency.inflight";

  /**
   * Counter of calls that found no permit of the adaptive limit in time (their partition waited).
   * Tags: dependency.
   */
  public static final String DEPENDENCY_LIMIT_REJECTED = "lanes.dependency.limit.rejected";

  /** Gauge of records behind the end of the lane's partitions (main and retry). Tags: lane. */
  public static final String CONSUMER_LAG = "lanes.consumer.lag";

  /**
   * Gauge of the lag without partitions paused on an open breaker: what an autoscaler should scale
   * on. Tags: lane.
   */
  public static final String CONSUMER_LAG_ACTIVE = "lanes.consumer.lag.active";

  /**
   * Gauge of lag in time: the age in seconds of the lane's oldest unfinished record (now minus its
   * record timestamp), the largest over its partitions. Tags: lane.
   */
  public static final String CONSUMER_LAG_SECONDS = "lanes.consumer.lag.seconds";

  /**
   * Function timer (count and total) of how long tasks waited, from their record's timestamp to
   * their handler's start; first attempts only (retries wait for their due time on purpose). Tags:
   * lane.
   */
  public static final String TASK_WAIT = "lanes.task.wait";

  /** Time gauge of the longest {@link #TASK_WAIT} of the last minutes. Tags: lane. */
  public static final String TASK_WAIT_MAX = "lanes.task.wait.max";

  /** Gauge of the tasks a lane may run at once; below its threads while it yields. Tags: lane. */
  public static final String LANE_CONCURRENCY_LIMIT = "lanes.lane.concurrency.limit";

  /** Gauge: 1 while a lane yields to a more important lane of the process, else 0. Tags: lane. */
  public static final String LANE_YIELDING = "lanes.lane.yielding";

  public static final String TAG_LANE = "lane";
  public static final String TAG_TYPE = "type";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_REASON = "reason";
  public static final String TAG_ATTEMPT = "attempt";
  public static final String TAG_DEPENDENCY = "dependency";

  /** Values of the outcome tag. */
  public static final String OUTCOME_SUCCEEDED = "succeeded";

  public static final String OUTCOME_FAILED = "failed";
  public static final String OUTCOME_FAILED_FATAL = "failed_fatal";

  /** The task's deadline or the lane's maximum task age passed before it started: not run. */
  public static final String OUTCOME_EXPIRED = "expired";

  private MetricNames() {}
}
