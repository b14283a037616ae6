package dev.lanes.app.produce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.Task;
import dev.lanes.task.TaskCodec;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces tasks to a lane's main topic and reports only what the broker acknowledged: a task is
 * sent when its callback says so (acks=all, idempotent), not when {@code send} returns. After the
 * first failure it sends no more, waits for what is in flight, and says what happened.
 */
public final class TaskSender {

  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

  private final Map<String, Object> clientProperties;
  private final PrintStream out;
  private final Clock clock;
  private final TaskCodec codec = new TaskCodec();

  /**
   * @param clientProperties bootstrap servers and any security settings, used as given
   * @param clock stamps {@code createdAt} of the copies {@link #sendCopies} makes
   */
  public TaskSender(Map<String, Object> clientProperties, PrintStream out, Clock clock) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public SendResult send(String topic, List<Task> tasks, SendOptions options) {
    return sendAll(topic, tasks.size(), tasks::get, options);
  }

  /** Sends {@code count} tasks of one type and payload, each with its own id. */
  public SendResult sendCopies(
      String topic, String type, JsonNode payload, int count, SendOptions options) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank, was '" + type + "'");
    }
    Objects.requireNonNull(payload, "payload");
    // Made one at a time, so a count in the millions does not sit in memory.
    return sendAll(
        topic,
        count,
        i ->
            new Task(
                UUID.randomUUID().toString(),
                type,
                payload,
                clock.instant(),
                Task.CURRENT_SCHEMA_VERSION),
        options);
  }

  private SendResult sendAll(
      String topic, int total, IntFunction<Task> taskAt, SendOptions options) {
    Objects.requireNonNull(topic, "topic");
    Pacer pacer = options.pacer();
    Acknowledgements acks = new Acknowledgements();
    Progress progress = new Progress(total);
    int sent = 0;
    try (Producer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
      while (sent < total && acks.failedCount() == 0) {
        pacer.awaitTurn(sent);
        Task task = options.stamp(taskAt.apply(sent), clock.instant());
        send(producer, topic, sent, task, options.key(), acks);
        sent++;
        progress.maybePrint(sent, acks);
      }
      while (!acks.awaitCompleted(sent, PROGRESS_INTERVAL)) {
        progress.print(sent, acks);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted after sending " + sent + " of " + total + " tasks to " + topic, e);
    }
    SendResult result =
        new SendResult(
            topic, total, acks.acknowledgedCount(), acks.failedCount(), acks.firstFailure());
    printOutcome(result, sent);
    return result;
  }

  private void send(
      Producer<String, byte[]> producer,
      String topic,
      int index,
      Task task,
      String key,
      Acknowledgements acks) {
    try {
      producer.send(
          new ProducerRecord<>(topic, key, codec.encode(task)),
          (metadata, error) -> {
            if (error == null) {
              acks.acknowledged();
            } else {
              acks.failed(index, failure(index, task, topic, error));
            }
          });
    } catch (KafkaException e) {
      // Thrown instead of reported to the callback; it completes this record all the same.
      acks.failed(index, failure(index, task, topic, e));
    }
  }

  private static RuntimeException failure(int index, Task task, String topic, Exception error) {
    return new IllegalStateException(
        "task #" + (index + 1) + " (id " + task.id() + ") to " + topic + " failed: " + error,
        error);
  }

  private void printOutcome(SendResult result, int sent) {
    if (result.succeeded()) {
      out.println("acknowledged " + result.acknowledged() + " records to " + result.topic());
      return;
    }
    out.println(
        "acknowledged "
            + result.acknowledged()
            + " of "
            + result.total()
            + " records to "
            + result.topic()
            + "; "
            + result.failed()
            + " failed"
            + (sent < result.total()
                ? ", " + (result.total() - sent) + " not sent after the first failure"
                : ""));
    if (result.firstFailure() != null) {
      out.println("first failure: " + result.firstFailure().getMessage());
    }
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A missing topic would block each send for the default minute; say so after ten seconds.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.putAll(clientProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** A progress line every couple of seconds, so a long send shows it is alive. */
  private final class Progress {
    private final int total;
    private long lastPrint = System.nanoTime();

    Progress(int total) {
      this.total = total;
    }

    void maybePrint(int sent, Acknowledgements acks) {
      if (System.nanoTime() - lastPrint >= PROGRESS_INTERVAL.toNanos()) {
        print(sent, acks);
      }
    }

    void print(int sent, Acknowledgements acks) {
      lastPrint = System.nanoTime();
      out.println(
          "sent " + sent + "/" + total + ", acknowledged " + acks.acknowledgedCount() + " ...");
    }
  }
}
