package dev.lanes.tools.drill;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the drill's tasks, each with a unique id as its key, and remembers every task the broker
 * acknowledged and where it landed. Most tasks are {@code http} tasks that call the fake dependency
 * with their id in the URL, which is how the drill learns that they ran.
 *
 * <p>A send whose callback reports an error is sent again (same id, same value) from the thread
 * that made it, up to {@value #MAX_TRIES} sends; a task that still fails is counted as
 * unacknowledged and listed ({@link #unacknowledged()}), never dropped silently. Steady production
 * always resends; a backlog ({@link #produceHttpTasks}) resends with the zone drills' constructor,
 * and with the old one fails as it always did.
 */
final class DrillProducer implements AutoCloseable {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STEADY_TICK = Duration.ofMillis(100);
  // Every try may take the producer's delivery.timeout.ms (120 s by default) to fail.
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(11);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
  private static final int MAX_TRIES = 5;
  private static final int MAX_UNSETTLED = 20_000;
  private static final String LEGACY_PREFIX = "t";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z]+");
  private static final Pattern ID = Pattern.compile("[A-Za-z]+([0-9]+)");

  private final Producer<String, String> producer;
  private final String topic;
  private final URI dependency;
  private final RecordIndex index;
  private final String idPrefix;
  private final TaskWaits waits;
  private final Clock clock;
  private final boolean backlogResends;
  private final Set<String> produced = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private final Counts counts = new Counts();
  private SteadyProduction steady;

  /**
   * The fleet and single-broker drills' producer: ids t1, t2...; a backlog send that fails throws.
   */
  DrillProducer(String bootstrapServers, String topic, URI dependency, RecordIndex index) {
    this(kafkaProducer(bootstrapServers), topic, dependency, index, LEGACY_PREFIX, null, false);
  }

  /**
   * The zone drills' producer: ids {@code idPrefix} + a number (r1, r2... for realtime), each
   * handed to {@code waits} (may be null) just before every send; backlogs resend too.
   */
  DrillProducer(
      String bootstrapServers,
      String topic,
      URI dependency,
      RecordIndex index,
      String idPrefix,
      TaskWaits waits) {
    this(kafkaProducer(bootstrapServers), topic, dependency, index, idPrefix, waits, true);
  }

  /** With any producer, e.g. Kafka's MockProducer. */
  DrillProducer(
      Producer<String, String> producer,
      String topic,
      URI dependency,
      RecordIndex index,
      String idPrefix,
      TaskWaits waits,
      boolean backlogResends) {
    if (idPrefix == null || !PREFIX.matcher(idPrefix).matches()) {
      throw new IllegalArgumentException("a task id prefix must be letters, was " + idPrefix);
    }
    this.producer = producer;
    this.topic = topic;
    this.dependency = dependency;
    this.index = index;
    this.idPrefix = idPrefix;
    this.waits = waits;
    this.clock = Clock.systemUTC();
    this.backlogResends = backlogResends;
  }

  /**
   * Sends {@code count} http tasks and returns once every one is acknowledged, or (zone drills'
   * constructor) given up after {@value #MAX_TRIES} sends and counted as unacknowledged.
   */
  void produceHttpTasks(int count) {
    send(count, this::httpTask);
  }

  /**
   * Sends {@code count} tasks that fail with a non-retryable error, so each goes straight to the
   * dead-letter topic without calling the dependency.
   */
  void produceFatalTasks(int count) {
    send(count, id -> "{\"type\":\"fail\",\"id\":\"" + id + "\",\"payload\":{\"fatal\":true}}");
  }

  /**
   * Keeps sending about {@code perSecond} http tasks a second until {@link #stopSteady()}, sending
   * failed ones again between ticks. The rate is a target: a tick that blocks (the producer's
   * max.block.ms, or {@value #MAX_UNSETTLED} tasks unsettled) delays the next one, and missed ticks
   * are not made up in a burst afterwards; no task is skipped or dropped.
   */
  synchronized void startSteady(int perSecond) {
    if (steady != null) {
      throw new IllegalStateException("steady production already runs");
    }
    int perTick = Math.max(1, (int) (perSecond * STEADY_TICK.toMillis() / 1000));
    TaskSends sends = new TaskSends(producer, topic, MAX_TRIES, MAX_UNSETTLED, counts);
    steady =
        new SteadyProduction(
            sends, () -> sendNew(sends, this::httpTask), perTick, STEADY_TICK, DRAIN_TIMEOUT);
    steady.start();
  }

  /** Stops making tasks and returns once every steady task is settled (or given up). */
  synchronized void stopSteady() {
    if (steady != null) {
      steady.stop(DRAIN_TIMEOUT.plus(SEND_TIMEOUT));
      steady = null;
    }
  }

  /** The number in the id of the last task made so far; later tasks have higher ones. */
  long sequence() {
    return sequence.get();
  }

  /** The number in a task id a producer made: 7 for {@code t7} or {@code r7}. */
  static long sequenceOf(String id) {
    Matcher matcher = ID.matcher(id);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a drill task id (letters, then a number): " + id);
    }
    return Long.parseLong(matcher.group(1));
  }

  /** Every task the broker acknowledged. */
  Set<String> produced() {
    return Set.copyOf(produced);
  }

  /** Sends that failed, how many were sent again, and tasks given up on. */
  ProduceFigures produceFigures() {
    return counts.figures();
  }

  /** The tasks given up on after {@value #MAX_TRIES} failed sends, in the order it happened. */
  List<String> unacknowledged() {
    return counts.unacknowledged();
  }

  @Override
  public void close() {
    stopSteady();
    producer.close(Duration.ofSeconds(10));
  }

  private String httpTask(String id) {
    return "{\"type\":\"http\",\"id\":\""
        + id
        + "\",\"payload\":{\"url\":\""
        + dependency
        + "?id="
        + id
        + "\",\"dependency\":\"http\",\"timeoutMs\":10000}}";
  }

  private void send(int count, Function<String, String> task) {
    TaskSends sends =
        new TaskSends(producer, topic, backlogResends ? MAX_TRIES : 1, MAX_UNSETTLED, counts);
    for (int i = 0; i < count; i++) {
      sendNew(sends, task);
    }
    // A send is done only when the broker says so; a drill that loses its own input proves nothing.
    boolean settled = sends.awaitSettled(backlogResends ? SETTLE_TIMEOUT : SEND_TIMEOUT);
    if (!settled) {
      sends.giveUp();
    }
    if (!backlogResends && (!settled || !sends.gaveUp().isEmpty())) {
      throw new IllegalStateException(
          "drill tasks were not acknowledged by the broker: "
              + (settled ? sends.gaveUp() : "not all within " + SEND_TIMEOUT),
          sends.firstError());
    }
  }

  private void sendNew(TaskSends sends, Function<String, String> task) {
    String id = idPrefix + sequence.incrementAndGet();
    sends.send(id, task.apply(id));
  }

  private static Producer<String, String> kafkaProducer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Counts what every send of this producer came to; the callback's part never blocks long. */
  private final class Counts implements TaskSends.Outcomes {
    private int errors;
    private int resent;
    private final List<String> unacknowledged = new ArrayList<>();

    @Override
    public void sending(String id) {
      if (waits != null) {
        waits.produced(id, clock.millis());
      }
    }

    @Override
    public void acknowledged(String id, RecordMetadata metadata) {
      index.put(
          new TopicPartition(metadata.topic(), metadata.partition()),
          metadata.offset(),
          new TaskRecord(id, 1));
      produced.add(id);
    }

    @Override
    public synchronized void resending(String id, Exception error) {
      errors++;
      resent++;
    }

    @Override
    public void gaveUp(String id, Exception error) {
      synchronized (this) {
        errors++;
        unacknowledged.add(id);
      }
      if (waits != null) {
        waits.abandoned(id);
      }
    }

    synchronized ProduceFigures figures() {
      return new ProduceFigures(errors, resent, unacknowledged.size());
    }

    synchronized List<String> unacknowledged() {
      return List.copyOf(unacknowledged);
    }
  }
}
