package dev.lanes.tools.drill;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the drill's tasks, each with a unique id as its key, and remembers every task the broker
 * acknowledged and where it landed. Most tasks are {@code http} tasks that call the fake dependency
 * with their id in the URL, which is how the drill learns that they ran.
 */
final class DrillProducer implements AutoCloseable {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STEADY_TICK = Duration.ofMillis(100);
  private static final String ID_PREFIX = "t";

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final URI dependency;
  private final RecordIndex index;
  private final Set<String> produced = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private ScheduledExecutorService steady;

  DrillProducer(String bootstrapServers, String topic, URI dependency, RecordIndex index) {
    this.topic = topic;
    this.dependency = dependency;
    this.index = index;
    this.producer =
        new KafkaProducer<>(
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

  /** Sends {@code count} http tasks and returns once the broker acknowledged every one. */
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

  /** Keeps sending about {@code perSecond} http tasks a second until {@link #stopSteady()}. */
  synchronized void startSteady(int perSecond) {
    int perTick = Math.max(1, (int) (perSecond * STEADY_TICK.toMillis() / 1000));
    steady = Executors.newSingleThreadScheduledExecutor();
    steady.scheduleAtFixedRate(
        () -> send(perTick, this::httpTask), 0, STEADY_TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized void stopSteady() {
    if (steady != null) {
      steady.shutdown();
      try {
        steady.awaitTermination(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      steady = null;
    }
  }

  /** The number in the id of the last task made so far; later tasks have higher ones. */
  long sequence() {
    return sequence.get();
  }

  /** The number in a task id this producer made: 7 for {@code t7}. */
  static long sequenceOf(String id) {
    return Long.parseLong(id.substring(ID_PREFIX.length()));
  }

  /** Every task the broker acknowledged. */
  Set<String> produced() {
    return Set.copyOf(produced);
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
    List<Future<RecordMetadata>> sends = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = ID_PREFIX + sequence.incrementAndGet();
      sends.add(
          producer.send(
              new ProducerRecord<>(topic, id, task.apply(id)),
              (metadata, error) -> {
                if (error == null) {
                  index.put(
                      new TopicPartition(metadata.topic(), metadata.partition()),
                      metadata.offset(),
                      new TaskRecord(id, 1));
                  produced.add(id);
                }
              }));
    }
    // A send is done only when the broker says so; a drill that loses its own input proves nothing.
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("a drill task was not acknowledged by the broker", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while producing", e);
      }
    }
  }
}
