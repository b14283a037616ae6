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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

  private static final Duration POLL = Duration.ofMillis(100);

  /** How often the reader checks that the topic answers (or looks for it, while missing). */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

  /** An OPEN this many delays past its due time, by a worker not live, is an outage long over. */
  static final int STALE_AFTER_DELAYS = 10;

  /** Set while this board applies the fleet's state: that change is not news to the fleet. */
  private static final ThreadLocal<Boolean> APPLYING = ThreadLocal.withInitial(() -> false);

  private final DependencyRegistry registry;
  private final String workerId;
  private final Instant startedAt;
  private final Supplier<? extends Collection<WorkerReport>> liveWorkers;
  private final LaneClock clock;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final FleetCodec codec = new FleetCodec();
  private final Queue<DependencyReport> outbox = new ConcurrentLinkedQueue<>();
  private final Map<String, Instant> lastOwn = new HashMap<>();
  private final TopicHealth availability = new TopicHealth();
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
    this.startedAt = startedAt;
    this.liveWorkers = liveWorkers;
    this.clock = clock;
    this.consumer = clients.consumer(consumerConfig(clientConfig, workerId));
    this.producer = clients.producer(producerConfig(clientConfig, workerId));
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
    Optional<String> prober =
        ProberChoice.prober(
            dependency, live(), now(), workerId, startedAt, registry.waitsOn(dependency));
    return prober.filter(workerId::equals).isPresent();
  }

  /** This worker's breaker changed (any thread, the hot path too): queue the record, no more. */
  void changed(GuardedDependency dependency, String state) {
    if (APPLYING.get()) {
      return;
    }
    Instant now = now();
    String name = dependency.name();
    DependencyReport report =
        switch (state) {
          case DependencyReport.OPEN ->
              new DependencyReport(
                  name,
                  state,
                  now.plus(registry.delay(name)),
                  workerId,
                  dependency.lastFailure(),
                  now);
          case DependencyReport.HALF_OPEN ->
              new DependencyReport(name, state, null, workerId, "probing", now);
          default -> new DependencyReport(name, state, null, workerId, "probe succeeded", now);
        };
    outbox.add(report);
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
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
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
      synchronized (lastOwn) {
        lastOwn.put(sent.dependency(), sent.at());
      }
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
    if (report == null || !registry.names().contains(report.dependency())) {
      return;
    }
    String name = report.dependency();
    if (!registry.isShared(name) || isOurOwn(report) || isSuperseded(report) || isStale(report)) {
      return;
    }
    GuardedDependency dependency = registry.get(name);
    APPLYING.set(true);
    try {
      if (report.isClosed() && !dependency.isClosed()) {
        log.info("breaker closed by the fleet dependency={} by={}", name, report.by());
        dependency.closeAsFleet();
      } else if (report.isOpen() ? !dependency.isOpen() : dependency.isClosed()) {
        log.warn(
            "breaker opened by the fleet dependency={} by={} state={} reason={}",
            name,
            report.by(),
            report.state(),
            report.reason());
        dependency.openAsFleet();
      }
    } finally {
      APPLYING.set(false);
    }
  }

  /** Our own record read back; one from before this start (same worker id) still counts. */
  private boolean isOurOwn(DependencyReport report) {
    return report.by().equals(workerId) && !report.at().isBefore(startedAt);
  }

  /** Written before our own latest change of that breaker: ours is the newer news. */
  private boolean isSuperseded(DependencyReport report) {
    synchronized (lastOwn) {
      Instant own = lastOwn.get(report.dependency());
      return own != null && report.at().isBefore(own);
    }
  }

  private boolean isStale(DependencyReport report) {
    if (report.isClosed()) {
      return false;
    }
    Instant due = report.until() != null ? report.until() : report.at();
    Duration old = registry.delay(report.dependency()).multipliedBy(STALE_AFTER_DELAYS);
    boolean stale =
        due.plus(old).isBefore(now())
            && live().stream().noneMatch(worker -> worker.workerId().equals(report.by()));
    if (stale) {
      log.info(
          "fleet breaker record ignored as stale dependency={} state={} by={} until={}",
          report.dependency(),
          report.state(),
          report.by(),
          due);
    }
    return stale;
  }

  private Collection<WorkerReport> live() {
    try {
      Collection<WorkerReport> live = liveWorkers.get();
      return live == null ? List.of() : live;
    } catch (RuntimeException e) {
      // No view of the fleet's workers: choose as if we were alone, never fail the breaker.
      return List.of();
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }

  private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> consumerConfig(Map<String, Object> base, String workerId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lanes-fleet-breakers-" + workerId);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  private static Map<String, Object> producerConfig(Map<String, Object> base, String workerId) {
    Map<String, Object> config = new HashMap<>(base);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "lanes-fleet-breakers-" + workerId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A missing topic or a broker away must not hold the board's thread for long.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** Whether the topic answers; says so once each time that changes. */
  private static final class TopicHealth {
    private volatile boolean up;
    private boolean warned;

    boolean isUp() {
      return up;
    }

    synchronized void down(String why) {
      up = false;
      if (!warned) {
        warned = true;
        log.warn(
            "fleet breaker state unavailable: breakers are per process topic={} reason={}",
            TopicNames.DEPENDENCIES,
            why);
      }
    }

    synchronized void up() {
      up = true;
      if (warned) {
        warned = false;
        log.info(
            "fleet breaker state available again: shared breakers follow the fleet topic={}",
            TopicNames.DEPENDENCIES);
      }
    }
  }
}
