package dev.lanes.internal.dispatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanes.DependencyUnavailableException;
import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.Task;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.forward.HeaderTrust;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.PartitionOffsets;
import dev.lanes.retry.RetryRouter;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A lane's execution with a real invoker, a pool the test runs by hand, and three task types:
 * {@code noop} succeeds, {@code fail} fails (and is forwarded to a retry topic), {@code db} finds
 * its dependency's breaker open (and blocks the partition).
 */
final class WorkerFixture implements AutoCloseable {

  static final String NOOP = "noop";
  static final String FAIL = "fail";
  static final String DB = "db";

  /** Batches handed to the pool, waiting until the test runs them. */
  final Deque<Runnable> pool = new ArrayDeque<>();

  final LaneExecution execution;

  private final TaskCodec codec = new TaskCodec();
  private final DependencyRegistry dependencies =
      new DependencyRegistry(Map.of(), new SimpleMeterRegistry());

  WorkerFixture() {
    LaneConfig config = LaneConfig.of("work", "tasks.work");
    HandlerRegistry handlers =
        HandlerRegistry.builder()
            .register(NOOP, (task, context) -> {})
            .register(
                FAIL,
                (task, context) -> {
                  throw new IllegalStateException("fails on purpose");
                })
            .register(
                DB,
                (task, context) -> {
                  throw new DependencyUnavailableException("db", null);
                })
            .build();
    LaneMetrics metrics =
        new LaneMetrics(
            new SimpleMeterRegistry(),
            config.name(),
            handlers.types(),
            config.retry().maxAttempts());
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    HeaderTrust trust = new HeaderTrust(config.retryTopics());
    TaskInvoker invoker =
        new TaskInvoker(
            config.name(),
            handlers,
            codec,
            metrics,
            new RetryRouter(config.retry(), config.topic(), () -> 0.5),
            trust,
            dependencies);
    execution =
        new LaneExecution(
            invoker,
            pool::add,
            new ArrayBlockingQueue<>(1024),
            new Forwarder(config.name(), producer, metrics, null),
            new ForwardRecords(config.groupId(), "worker-1", trust));
  }

  /** A record of {@code key} at {@code offset} whose task is of {@code type}. */
  ConsumerRecord<byte[], byte[]> record(long offset, String key, String type) {
    Task task =
        new Task(
            "task-" + offset,
            type,
            JsonNodeFactory.instance.objectNode(),
            Instant.EPOCH,
            Task.CURRENT_SCHEMA_VERSION);
    return new ConsumerRecord<>(
        "tasks.work", 0, offset, key == null ? null : key.getBytes(), codec.encode(task));
  }

  /** Runs the batches handed to the pool, in the order given. */
  void run(List<TaskBatch> batches) {
    for (TaskBatch batch : batches) {
      pool.remove(batch);
      batch.run();
    }
  }

  /** Finishes what every completion handed back so far covers, as the poll thread would. */
  void drainCompletions() {
    List<Completion> completions = new ArrayList<>();
    execution.completions().drainTo(completions);
    completions.forEach(Completion::finishOffsets);
  }

  /**
   * The offsets from {@code first} through {@code last} that are still unfinished, read by
   * rewinding: the rewind remembers the finished offsets after the first unfinished one.
   */
  static List<Long> unfinished(PartitionOffsets offsets, long first, long last) {
    List<Long> unfinished = new ArrayList<>();
    long firstUnfinished = offsets.rewind().orElse(last + 1);
    for (long offset = firstUnfinished; offset <= last; offset++) {
      if (offset >= first && !offsets.trackReplayed(offset)) {
        unfinished.add(offset);
      }
    }
    return unfinished;
  }

  @Override
  public void close() {
    dependencies.close();
  }
}
