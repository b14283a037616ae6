package dev.lanes.console.internal.deadletters;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanes.app.dlt.DeadLetter;
import dev.lanes.internal.forward.ForwardRecords;
import dev.lanes.internal.forward.HeaderTrust;
import dev.lanes.retry.Destination;
import dev.lanes.retry.FailureCategory;
import dev.lanes.topics.TopicNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters made by the runtime's own {@link ForwardRecords}, so the console is tested against
 * the headers the runtime really writes.
 */
public final class DeadLetterSeeds {

  private final String mainTopic;
  private final byte[] value;
  private final Headers userHeaders = new RecordHeaders();
  private int partition;
  private long originalOffset = 17;
  private byte[] key;
  private Destination.DeadLetter destination =
      new Destination.DeadLetter(FailureCategory.EXHAUSTED, "exhausted");
  private int attempts = 4;
  private Throwable error = new IllegalStateException("payment service said 503");
  private Instant timestamp = Instant.parse("2026-11-27T10:00:00Z");

  private DeadLetterSeeds(String mainTopic, byte[] value) {
    this.mainTopic = mainTopic;
    this.value = value;
  }

  /** A dead letter of a task envelope with this id and type. */
  public static DeadLetterSeeds task(String mainTopic, String id, String type) {
    String envelope =
        "{\"id\":\""
            + id
            + "\",\"type\":\""
            + type
            + "\",\"payload\":{\"amount\":42,\"currency\":\"EUR\"},"
            + "\"createdAt\":\"2026-11-27T09:58:00Z\",\"schemaVersion\":1}";
    return new DeadLetterSeeds(mainTopic, envelope.getBytes(UTF_8));
  }

  /** A dead letter of a record that was never a task, such as the runtime rejects as not_json. */
  public static DeadLetterSeeds raw(String mainTopic, byte[] value) {
    return new DeadLetterSeeds(mainTopic, value)
        .fatal("not_json", new IllegalArgumentException("value is not JSON"));
  }

  public DeadLetterSeeds partition(int partition) {
    this.partition = partition;
    return this;
  }

  public DeadLetterSeeds originalOffset(long offset) {
    this.originalOffset = offset;
    return this;
  }

  public DeadLetterSeeds key(String key) {
    this.key = key.getBytes(UTF_8);
    return this;
  }

  public DeadLetterSeeds userHeader(String name, byte[] value) {
    userHeaders.add(name, value);
    return this;
  }

  public DeadLetterSeeds userHeader(String name, String value) {
    return userHeader(name, value.getBytes(UTF_8));
  }

  public DeadLetterSeeds fatal(String reason, Throwable error) {
    this.destination = new Destination.DeadLetter(FailureCategory.FATAL, reason);
    this.attempts = 1;
    this.error = error;
    return this;
  }

  public DeadLetterSeeds exhausted(int attempts, Throwable error) {
    this.destination = new Destination.DeadLetter(FailureCategory.EXHAUSTED, "exhausted");
    this.attempts = attempts;
    this.error = error;
    return this;
  }

  /** The dead-letter record's own timestamp. */
  public DeadLetterSeeds timestamp(Instant timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  /** What the runtime would produce to the dead-letter topic, with the timestamp set. */
  public ProducerRecord<byte[], byte[]> toProducerRecord() {
    ProducerRecord<byte[], byte[]> forwarded =
        new ForwardRecords(
                "lanes-test", "worker-1", new HeaderTrust(List.of(TopicNames.retry(mainTopic, 1))))
            .build(
                source(),
                TopicNames.deadLetter(mainTopic),
                destination,
                attempts,
                error,
                timestamp.minusSeconds(30).toEpochMilli(),
                true);
    return new ProducerRecord<>(
        forwarded.topic(),
        forwarded.partition(),
        timestamp.toEpochMilli(),
        forwarded.key(),
        forwarded.value(),
        forwarded.headers());
  }

  /**
   * Produces the seeds' records in order and returns once the broker has each; records up to 4 MiB
   * go through (the topic must allow them too).
   */
  public static void produce(String bootstrapServers, List<DeadLetterSeeds> seeds) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      for (DeadLetterSeeds seed : seeds) {
        producer.send(seed.toProducerRecord()).get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not seed dead letters", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding dead letters", e);
    }
  }

  /** The dead letter as a reader would find it at {@code offset}. */
  public DeadLetter toDeadLetter(long offset) {
    ProducerRecord<byte[], byte[]> record = toProducerRecord();
    return DeadLetter.of(
        new ConsumerRecord<>(
            record.topic(),
            record.partition(),
            offset,
            record.timestamp(),
            TimestampType.CREATE_TIME,
            key == null ? -1 : key.length,
            value.length,
            record.key(),
            record.value(),
            record.headers(),
            Optional.empty()));
  }

  private ConsumerRecord<byte[], byte[]> source() {
    return new ConsumerRecord<>(
        mainTopic,
        partition,
        originalOffset,
        timestamp.minusSeconds(35).toEpochMilli(),
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length,
        value.length,
        key,
        value,
        userHeaders,
        Optional.empty());
  }
}
