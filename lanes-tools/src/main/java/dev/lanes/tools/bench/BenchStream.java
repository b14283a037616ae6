package dev.lanes.tools.bench;

import dev.lanes.Task;
import dev.lanes.task.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A steady stream of tasks, one every {@code interval}, each created (and so timestamped) when it
 * is sent, keyed over 1000 keys. Not batched: a task goes out as soon as it is created.
 */
final class BenchStream implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService timer;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private BenchStream(BenchContext bench, String topic, Duration interval, Supplier<Task> next) {
    Map<String, Object> config = new HashMap<>(bench.client());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer = new KafkaProducer<>(config);
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bench-stream-" + topic);
              thread.setDaemon(true);
              return thread;
            });
    TaskCodec codec = new TaskCodec();
    timer.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          byte[] key = ("k-" + n % 1000).getBytes(StandardCharsets.UTF_8);
          producer.send(
              new ProducerRecord<>(topic, key, codec.encode(next.get())),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
              });
        },
        0,
        interval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** Starts sending at once. */
  static BenchStream start(
      BenchContext bench, String topic, Duration interval, Supplier<Task> next) {
    return new BenchStream(bench, topic, interval, next);
  }

  /** Stops sending, waits for every ack, and returns how many tasks were sent. */
  int stop() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the bench stream did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new IllegalStateException("producing the bench stream failed: " + error, error);
    }
    return sent.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(10));
  }
}
