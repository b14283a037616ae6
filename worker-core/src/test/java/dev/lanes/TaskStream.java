package dev.lanes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.testkit.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A steady stream of tasks {@code <prefix>-0, <prefix>-1, ...}, one every {@code interval}, each
 * acknowledged before the next.
 */
final class TaskStream implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<String> produced = new ArrayList<>();
  private volatile Throwable failure;

  TaskStream(
      TestKafka kafka,
      Duration interval,
      String topic,
      String prefix,
      String type,
      ObjectNode payload,
      IntUnaryOperator partitionOf) {
    this.producer = new KafkaProducer<>(kafka.producerConfig());
    timer.scheduleAtFixedRate(
        () -> {
          try {
            int n = count();
            String id = prefix + "-" + n;
            ProducerRecord<String, String> task = TaskRecords.task(topic, null, id, type, payload);
            producer
                .send(new ProducerRecord<>(topic, partitionOf.applyAsInt(n), null, task.value()))
                .get(30, TimeUnit.SECONDS);
            synchronized (produced) {
              produced.add(id);
            }
          } catch (Exception e) {
            failure = e;
            throw new IllegalStateException(e);
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Stops producing; returns the ids acknowledged. */
  List<String> stop() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(30, TimeUnit.SECONDS);
    if (failure != null) {
      throw new AssertionError("the stream failed to produce: " + failure, failure);
    }
    synchronized (produced) {
      return List.copyOf(produced);
    }
  }

  int count() {
    synchronized (produced) {
      return produced.size();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
