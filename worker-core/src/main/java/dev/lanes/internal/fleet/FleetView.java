package dev.lanes.internal.fleet;

import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.FleetRecordException;
import dev.lanes.fleet.WorkerReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet as {@code lanes.fleet} tells it: the latest report of every worker. Reads every
 * partition from the beginning without a group (every worker needs every report) and keeps tailing
 * on a daemon thread. A tombstone removes its worker; a record that is not a worker report is
 * logged with its partition and offset and skipped. As a {@link Supplier}, the workers live now.
 */
public final class FleetView implements Supplier<Collection<WorkerReport>>, AutoCloseable {

  static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  // After a failed poll (the topic went away, the broker is down), before the next try.
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(FleetView.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final Clock clock;
  private final FleetCodec codec = new FleetCodec();
  private final Map<String, WorkerReport> latest = new ConcurrentHashMap<>();
  private final FailureLog readFailures;
  private final Thread thread;
  private final Object wake = new Object();
  private volatile boolean closing;
  // Until the view has read up to where the topic ended when it was assigned, it does not know
  // who is alive: its live list would miss workers that are.
  private volatile boolean caughtUp;
  private Map<TopicPartition, Long> endsAtAssignment = Map.of();

  FleetView(Consumer<byte[], byte[]> consumer, String topic, Clock clock) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = topic;
    this.clock = clock;
    this.readFailures =
        new FailureLog(
            "fleet topic unreadable: this worker does not see the fleet's workers",
            "fleet topic readable again",
            topic);
    this.thread = new Thread(this::run, "lanes-fleet-view");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Workers whose latest report is fresh at {@code now}; the gone and the departed are not. */
  public List<WorkerReport> liveWorkers(Instant now) {
    return latest.values().stream().filter(report -> report.isLive(now)).toList();
  }

  /**
   * The workers live now, by the view's clock; null while the view has not yet read the topic up to
   * where it ended at the start (it cannot tell yet who is alive).
   */
  @Override
  public Collection<WorkerReport> get() {
    return caughtUp ? liveWorkers(clock.instant()) : null;
  }

  /** Whether the view has read the whole topic as it was when the view started. */
  public boolean isCaughtUp() {
    return caughtUp;
  }

  /** Assigns every partition of the topic and reads from the beginning. Consumer thread only. */
  void assignAll() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, POLL_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions (deleted?)");
    }
    List<TopicPartition> partitions =
        infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    if (!caughtUp) {
      endsAtAssignment = consumer.endOffsets(partitions, POLL_TIMEOUT);
    }
  }

  /** One poll: every record applied in order. Consumer thread only. */
  void pollOnce() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      apply(record);
    }
    if (!caughtUp) {
      caughtUp = reached(endsAtAssignment);
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey(), POLL_TIMEOUT) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      skip(record, "no key (a worker report's key is its worker id)");
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      latest.remove(key);
      return;
    }
    try {
      WorkerReport report = codec.decodeWorker(record.value());
      if (!report.workerId().equals(key)) {
        skip(record, "key '" + key + "' is not the report's worker id '" + report.workerId() + "'");
        return;
      }
      latest.put(key, report);
    } catch (FleetRecordException e) {
      skip(record, e.getMessage());
    }
  }

  // Each record is read once, so each bad one is logged once; the view goes on without it.
  private static void skip(ConsumerRecord<byte[], byte[]> record, String why) {
    log.warn(
        "fleet record skipped topic={} partition={} offset={} reason=\"{}\"",
        record.topic(),
        record.partition(),
        record.offset(),
        why);
  }

  private void run() {
    boolean assigned = false;
    while (!closing) {
      try {
        if (!assigned) {
          assignAll();
          assigned = true;
        }
        pollOnce();
        readFailures.succeeded();
      } catch (WakeupException e) {
        // close() woke us: the loop condition ends it.
      } catch (KafkaException | IllegalStateException e) {
        if (closing) {
          break;
        }
        readFailures.failed(e);
        // Assign again from the beginning: the partitions may have changed while it failed.
        assigned = false;
        pause();
      }
    }
    // No group to leave and nothing to commit: nothing worth waiting for.
    consumer.close(CloseOptions.timeout(Duration.ZERO));
  }

  private void pause() {
    synchronized (wake) {
      try {
        if (!closing) {
          wake.wait(RETRY_AFTER_FAILURE.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closing = true;
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    if (!thread.isAlive()) {
      return;
    }
    // Not an interrupt: the consumer would turn it into an exception from its own close.
    consumer.wakeup();
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      thread.join(FleetPublisher.CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
