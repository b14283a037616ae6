package dev.lanes.internal.poll;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanes.HandlerRegistry;
import dev.lanes.LaneConfig;
import dev.lanes.LanesHeaders;
import dev.lanes.Task;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.forward.HeaderTrust;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.lane.LaneResources;
import dev.lanes.retry.RetryRouter;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A poll loop on a {@code MockConsumer}, with a clock the test moves and a worker pool the test
 * runs by hand: every step happens on the test thread, when the test says so.
 */
final class LoopFixture implements AutoCloseable {

  static final long START_MILLIS = 1_700_000_000_000L;

  final AtomicLong millis = new AtomicLong(START_MILLIS);
  final AtomicLong nanos = new AtomicLong(0);
  final LaneClock clock = new LaneClock(millis::get, nanos::get);

  /** Offsets committed per partition, in order. */
  final Map<TopicPartition, List<Long>> commits = new HashMap<>();

  // Records commits as they are made: MockConsumer reports 0 as the committed offset of a
  // partition no longer assigned, which would hide what a revoke committed.
  final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitAsync(
            Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
          record(offsets);
          super.commitAsync(offsets, callback);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
          record(offsets);
          super.commitSync(offsets, timeout);
        }

        private void record(Map<TopicPartition, OffsetAndMetadata> offsets) {
          offsets.forEach(
              (partition, offset) ->
                  commits.computeIfAbsent(partition, p -> new ArrayList<>()).add(offset.offset()));
        }
      };
  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  /** The lane's pool: batches wait here until the test runs them. */
  final Deque<Runnable> workers = new ArrayDeque<>();

  private final TaskCodec codec = new TaskCodec();
  private final DependencyRegistry dependencies =
      new DependencyRegistry(Map.of(), new SimpleMeterRegistry());
  private final LaneConfig config;
  private final LaneMetrics metrics;
  private final Forwarder forwarder;
  private final PollLoopFactory factory;

  LoopFixture(LaneConfig config) {
    this.config = config;
    HandlerRegistry handlers =
        HandlerRegistry.builder().register("noop", (task, context) -> {}).build();
    this.metrics =
        new LaneMetrics(
            new SimpleMeterRegistry(),
            config.name(),
            handlers.types(),
            config.retry().maxAttempts());
    this.forwarder = new Forwarder(config.name(), producer, metrics, null);
    TaskInvoker invoker =
        new TaskInvoker(
            config.name(),
            handlers,
            codec,
            metrics,
            new RetryRouter(config.retry(), config.topic(), () -> 0.5),
            new HeaderTrust(config.retryTopics()),
            dependencies);
    LaneResources resources =
        new LaneResources(
            workers::add,
            invoker,
            forwarder,
            new ForwardRecords(config.groupId(), "worker-1", new HeaderTrust(config.retryTopics())),
            metrics,
            dependencies,
            null,
            () -> false);
    this.factory =
        new PollLoopFactory(
            config, resources, KafkaClients.REAL, clock, new StopBarrier(1), () -> {});
  }

  /** A loop of {@code role} over {@code topics} that joined its group (no partitions yet). */
  PollLoop joinedLoop(String role, List<String> topics) {
    PollLoop loop =
        factory.assemble(
            role,
            topics,
            consumer,
            config.maxInFlight(),
            1000,
            PollLoop.BeforeJoin.NOTHING,
            () -> {});
    loop.join();
    return loop;
  }

  /** The group hands this loop {@code partitions}, each starting at offset 0. */
  void assign(TopicPartition... partitions) {
    for (TopicPartition partition : partitions) {
      consumer.updateBeginningOffsets(Map.of(partition, 0L));
      consumer.updateEndOffsets(Map.of(partition, 0L));
    }
    consumer.rebalance(List.of(partitions));
  }

  /** Appends {@code count} runnable tasks to {@code partition}, from {@code fromOffset}. */
  void addTasks(TopicPartition partition, long fromOffset, int count) {
    for (long offset = fromOffset; offset < fromOffset + count; offset++) {
      consumer.addRecord(record(partition, offset, new RecordHeaders()));
    }
    consumer.updateEndOffsets(Map.of(partition, fromOffset + count));
  }

  /** A runnable task at {@code offset} of a retry topic, due at {@code dueMillis}. */
  void addRetry(TopicPartition partition, long offset, long dueMillis) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(LanesHeaders.ATTEMPT, "2".getBytes(StandardCharsets.US_ASCII));
    headers.add(LanesHeaders.DUE, Long.toString(dueMillis).getBytes(StandardCharsets.US_ASCII));
    consumer.addRecord(record(partition, offset, headers));
    consumer.updateEndOffsets(Map.of(partition, offset + 1));
  }

  /** Runs every batch the loop handed to the pool so far. */
  void runWorkers() {
    while (!workers.isEmpty()) {
      workers.poll().run();
    }
  }

  /** Runs the oldest batch the loop handed to the pool. */
  void runOneWorker() {
    workers.poll().run();
  }

  /** The offset last committed for {@code partition}, or null. */
  Long committed(TopicPartition partition) {
    List<Long> offsets = commits.get(partition);
    return offsets == null ? null : offsets.get(offsets.size() - 1);
  }

  private ConsumerRecord<byte[], byte[]> record(
      TopicPartition partition, long offset, RecordHeaders headers) {
    Task task =
        new Task(
            "task-" + offset,
            "noop",
            JsonNodeFactory.instance.objectNode(),
            Instant.ofEpochMilli(START_MILLIS),
            Task.CURRENT_SCHEMA_VERSION);
    return new ConsumerRecord<>(
        partition.topic(),
        partition.partition(),
        offset,
        START_MILLIS,
        TimestampType.CREATE_TIME,
        0,
        0,
        null,
        codec.encode(task),
        headers,
        Optional.empty());
  }

  @Override
  public void close() {
    dependencies.close();
  }
}
