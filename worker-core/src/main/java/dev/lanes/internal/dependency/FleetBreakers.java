package dev.lanes.internal.dependency;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.internal.lane.KafkaClients;
import dev.lanes.internal.lane.LaneClock;
import dev.lanes.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's breaker board, {@code lanes.dependencies}: publishes this worker's breaker changes of
 * shared dependencies and makes this worker's breakers follow the other workers' (an OPEN opens
 * ours, a CLOSED closes ours; neither is published again). Reads every partition without a group,
 * from the beginning, on its own daemon thread, which also does the sends: a breaker change only
 * queues its record, so a call never waits on Kafka. When the topic cannot be read or written it
 * says so once and the breakers act alone, as without a fleet, until it can again.
 */
public final class FleetBreakers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetBreakers.class);

  // Our own breaker's change waits in the outbox for the reader's next pass: every millisecond of
  // that is a millisecond in which the other workers still call a dependency that is down (20/s
  // each in FleetBreakerDrillIT). A short poll costs nothing on the wire: the fetch at the broker
  // is a long poll either way.
  private static final Duration POLL = Duration.ofMillis(20);
  // While the topic is missing: how long the reader rests between checks of the outbox.
  private static final Duration REST = Duration.ofMillis(100);

  /** How often the reader checks that the topic answers (or looks for it, while missing). */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

  private static final Duration CLIENT_TIMEOUT = FleetBreakerClients.CLIENT_TIMEOUT;

  private final DependencyRegistry registry;
  private final String workerId;
  private final FleetFollower follower;
  private final LaneClock clock;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final FleetCodec codec = new FleetCodec();
  private final Queue<DependencyReport> outbox = new ConcurrentLinkedQueue<>();
  private final FleetTopicHealth availability = new FleetTopicHealth();
  private List<TopicPartition> partitions = List.of();
  private long nextCheck;
  private volatile boolean running;
  private Thread reader;

  FleetBreakers(
      DependencyRegistry registry,
      String workerId,
      Instant startedAt,
      Supplier<? extends Collection<WorkerReport>> liveWorkers,
      Map<String, Object> clientConfig,
      KafkaClients clients,
      LaneClock clock) {
    this.registry = registry;
    this.workerId = workerId;
    this.follower =
        new FleetFollower(
            registry,
            workerId,
            startedAt,
            liveWorkers,
            () -> Instant.ofEpochMilli(clock.nowMillis()));
    this.clock = clock;
    this.consumer = clients.consumer(FleetBreakerClients.consumerConfig(clientConfig, workerId));
    this.producer = clients.producer(FleetBreakerClients.producerConfig(clientConfig, workerId));
    this.nextCheck = clock.nanoTime();
  }

  /**
   * Makes {@code registry}'s shared breakers follow the fleet: reads {@code lanes.dependencies} to
   * its end (at most {@code bound}, so that a worker starting mid-outage opens its breakers before
   * its first call), then keeps reading. Empty when no dependency is shared.
   *
   * @param clientConfig bootstrap servers and the settings every client of the runtime gets
   * @param liveWorkers the live workers' reports from {@code lanes.fleet}, for the prober choice
   */
  public static Optional<FleetBreakers> start(
      DependencyRegistry registry,
      String workerId,
      Instant startedAt,
      Supplier<? extends Collection<WorkerReport>> liveWorkers,
      Map<String, Object> clientConfig,
      KafkaClients clients,
      LaneClock clock,
      Duration bound) {
    if (registry.names().stream().noneMatch(registry::isShared)) {
      return Optional.empty();
    }
    FleetBreakers board =
        new FleetBreakers(registry, workerId, startedAt, liveWorkers, clientConfig, clients, clock);
    board.readToEnd(bound);
    registry.follow(board);
    board.startReading();
    return Optional.of(board);
  }

  /**
   * Whether this worker may half-open {@code dependency}'s breaker now that its delay is up: it is
   * the fleet's prober, or the fleet's state cannot be read (each breaker on its own then).
   */
  boolean mayProbe(String dependency) {
    if (!availability.isUp()) {
      return true;
    }
    return follower.isProber(dependency);
  }

  /** This worker's breaker changed (any thread, the hot path too): queue the record, no more. */
  void changed(GuardedDependency dependency, String state) {
    DependencyReport report = follower.reportOf(dependency, state);
    if (report != null) {
      outbox.add(report);
    }
  }

  /** Reads the topic from the beginning to its end, or until {@code bound}, and applies it. */
  void readToEnd(Duration bound) {
    long deadline = clock.nanoTime() + bound.toNanos();
    if (!assign()) {
      return;
    }
    Map<String, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
      while (!reachedEnd(ends)) {
        if (clock.nanoTime() - deadline >= 0) {
          availability.down("not read to its end within " + bound.toMillis() + "ms");
          break;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          // Compacted: only the latest state of each dependency counts, not its history.
          latest.put(keyOf(record), record);
        }
      }
    } catch (KafkaException e) {
      availability.down(e.getMessage());
    }
    latest.values().forEach(this::apply);
  }

  /** One pass of the reader: sends what is queued, applies what arrived, checks the topic. */
  void pollOnce() {
    sendQueued();
    if (partitions.isEmpty()) {
      if (clock.nanoTime() - nextCheck >= 0) {
        nextCheck = clock.nanoTime() + CHECK_INTERVAL.toNanos();
        assign();
      }
      return;
    }
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      apply(record);
    }
    if (clock.nanoTime() - nextCheck >= 0) {
      nextCheck = clock.nanoTime() + CHECK_INTERVAL.toNanos();
      try {
        consumer.endOffsets(partitions, CLIENT_TIMEOUT);
        availability.up();
      } catch (KafkaException e) {
        availability.down(e.getMessage());
      }
    }
  }

  boolean isAvailable() {
    return availability.isUp();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    if (reader != null) {
      try {
        reader.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    registry.follow(null);
    consumer.close(CLIENT_TIMEOUT);
    producer.close(CLIENT_TIMEOUT);
  }

  private void startReading() {
    running = true;
    reader = new Thread(this::readUntilClosed, "lanes-fleet-breakers");
    reader.setDaemon(true);
    reader.start();
  }

  private void readUntilClosed() {
    while (running) {
      try {
        pollOnce();
        if (partitions.isEmpty()) {
          // The topic is missing: look again at the next check, sending what is queued meanwhile.
          pause();
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        // Never let the board's thread die: the breakers would silently stop following the fleet.
        availability.down(e.toString());
        pause();
      }
    }
  }

  private void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(REST.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private boolean assign() {
    try {
      List<PartitionInfo> found = consumer.partitionsFor(TopicNames.DEPENDENCIES, CLIENT_TIMEOUT);
      if (found == null || found.isEmpty()) {
        availability.down("topic " + TopicNames.DEPENDENCIES + " not found");
        return false;
      }
      partitions =
          found.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      availability.up();
      return true;
    } catch (KafkaException e) {
      availability.down(e.getMessage());
      return false;
    }
  }

  private boolean reachedEnd(Map<TopicPartition, Long> ends) {
    for (TopicPartition partition : partitions) {
      Long end = ends.get(partition);
      if (end != null && consumer.position(partition, CLIENT_TIMEOUT) < end) {
        return false;
      }
    }
    return true;
  }

  private void sendQueued() {
    DependencyReport report;
    while ((report = outbox.poll()) != null) {
      DependencyReport sent = report;
      follower.sent(sent);
      try {
        producer.send(
            new ProducerRecord<>(
                TopicNames.DEPENDENCIES, FleetCodec.key(sent.dependency()), codec.encode(sent)),
            (metadata, error) -> {
              if (error != null) {
                availability.down("publish of " + sent.dependency() + " failed: " + error);
              }
            });
        log.info(
            "fleet breaker published dependency={} state={} by={}",
            sent.dependency(),
            sent.state(),
            workerId);
      } catch (KafkaException e) {
        availability.down("publish of " + sent.dependency() + " failed: " + e.getMessage());
      }
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    DependencyReport report = FleetBreakerRecords.read(codec, record);
    if (report != null) {
      follower.apply(report);
    }
  }

  private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
  }
}
