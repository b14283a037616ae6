package dev.lanes.benchmarks;

import dev.lanes.HandlerRegistry;
import dev.lanes.OrderingMode;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.dependency.DependencyRegistry;
import dev.lanes.internal.dispatch.Dispatcher;
import dev.lanes.internal.dispatch.LaneExecution;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.Forwarder;
import dev.lanes.internal.forward.HeaderTrust;
import dev.lanes.internal.invoke.TaskInvoker;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.internal.lane.LaneMetrics;
import dev.lanes.internal.offsets.Completion;
import dev.lanes.internal.offsets.InFlightWork;
import dev.lanes.internal.offsets.OffsetCommitter;
import dev.lanes.internal.offsets.PartitionState;
import dev.lanes.retry.RetryRouter;
import dev.lanes.task.TaskCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the poll thread and a worker do for one poll of 500 records, without a broker or a thread
 * hand-off: track every offset, cut the records into batches ({@link Dispatcher}), run them on a
 * direct executor (decode, no-op handler, metrics: the worker's part), hand the batches back,
 * finish their offsets and commit the committable offset (to a {@code MockConsumer}). Figures are
 * per record, like {@code lanes bench}'s CPU and allocation per record.
 *
 * <p>Records come from a pool of polls built beforehand, with the keys {@code lanes bench} produces
 * (1000 of them, so a KEY poll has no two adjacent records with one key); when the pool's offsets
 * run out the partition is assigned afresh, once every {@value #POLLS} polls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(DispatchBenchmark.POLLED)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {

  /** Records per poll: the consumer's default max.poll.records. */
  static final int POLLED = 500;

  static final int POLLS = 200;

  private static final String LANE = "bench";
  private static final TopicPartition PARTITION = new TopicPartition("tasks.bench", 0);
  private static final int KEYS = 1000;

  /** As in a lane: min(max in flight per partition, 1024). */
  private static final int INITIAL_WINDOW = 1024;

  @Param({"UNORDERED", "KEY"})
  public OrderingMode ordering;

  /** The lane's threads, as {@code lanes bench} gives them on a 2-core machine. */
  @Param({"2"})
  public int concurrency;

  private final List<List<ConsumerRecord<byte[], byte[]>>> polls = new ArrayList<>();
  private int nextPoll;
  private long handled;
  private InFlightWork inFlight;
  private Dispatcher dispatcher;
  private OffsetCommitter committer;

  @Setup
  public void lane() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HandlerRegistry handlers =
        HandlerRegistry.builder().register(Envelopes.TYPE, (task, context) -> handled++).build();
    RetryPolicy retry = RetryPolicy.defaults();
    LaneMetrics metrics = new LaneMetrics(registry, LANE, handlers.types(), retry.maxAttempts());
    HeaderTrust trust = new HeaderTrust(List.of());
    TaskCodec codec = new TaskCodec();
    TaskInvoker invoker =
        new TaskInvoker(
            LANE,
            handlers,
            codec,
            metrics,
            new RetryRouter(retry, PARTITION.topic(), () -> 0.5),
            trust,
            new DependencyRegistry(Map.of(), registry));
    // A batch per record at most (KEY with every key different), so the queue never fills.
    BlockingQueue<Completion> completions = new ArrayBlockingQueue<>(2 * POLLED);
    Forwarder forwarder =
        new Forwarder(
            LANE,
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
            metrics,
            null);
    LaneExecution execution =
        new LaneExecution(
            invoker,
            Runnable::run,
            completions,
            forwarder,
            new ForwardRecords("lanes." + LANE, "worker-1", trust));
    dispatcher = new Dispatcher(ordering, concurrency, execution);
    inFlight = new InFlightWork(completions, INITIAL_WINDOW, Set.of(), System::nanoTime);
    committer =
        new OffsetCommitter(
            LANE, new MockConsumer<>("earliest"), metrics, Duration.ofSeconds(5), LaneClock.SYSTEM);
    buildPolls(Envelopes.typical(codec));
    assignAfresh();
    checkOnePollIsHandledAndCommitted();
  }

  @Benchmark
  public long dispatchRunFinishCommit() {
    if (nextPoll == POLLS) {
      assignAfresh();
    }
    PartitionState partition = inFlight.partition(PARTITION);
    inFlight.dispatched(dispatcher.dispatch(partition, polls.get(nextPoll++)));
    inFlight.drain();
    committer.commitAsync(inFlight.owned());
    return partition.offsets().committedOrStart();
  }

  private void buildPolls(byte[] envelope) {
    long timestamp = System.currentTimeMillis();
    byte[][] keys = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = ("k-" + i).getBytes(StandardCharsets.UTF_8);
    }
    long offset = 0;
    for (int poll = 0; poll < POLLS; poll++) {
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(POLLED);
      for (int i = 0; i < POLLED; i++, offset++) {
        byte[] key = keys[(int) (offset % KEYS)];
        records.add(
            new ConsumerRecord<>(
                PARTITION.topic(),
                PARTITION.partition(),
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                key.length,
                envelope.length,
                key,
                envelope,
                new RecordHeaders(),
                Optional.empty()));
      }
      polls.add(records);
    }
  }

  /** Offsets start again from 0: a new owner of the partition, as after a rebalance. */
  private void assignAfresh() {
    inFlight.forget(inFlight.find(List.of(PARTITION)));
    inFlight.assigned(List.of(PARTITION));
    nextPoll = 0;
  }

  /** A benchmark that ran nothing, or committed too little, would measure the wrong thing. */
  private void checkOnePollIsHandledAndCommitted() {
    long committed = dispatchRunFinishCommit();
    if (handled != POLLED || committed != POLLED) {
      throw new IllegalStateException(
          "one poll of "
              + POLLED
              + " records should be handled and committed, was handled "
              + handled
              + ", committed "
              + committed);
    }
    assignAfresh();
  }
}
