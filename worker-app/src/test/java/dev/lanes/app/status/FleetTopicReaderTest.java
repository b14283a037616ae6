package dev.lanes.app.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.fleet.DependencyReport;
import dev.lanes.fleet.FleetCodec;
import dev.lanes.fleet.WorkerReport;
import dev.lanes.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetTopicReaderTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final TopicPartition FLEET = new TopicPartition(TopicNames.FLEET, 0);
  private static final TopicPartition DEPENDENCIES = new TopicPartition(TopicNames.DEPENDENCIES, 0);
  private static final FleetCodec CODEC = new FleetCodec();

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> written = new HashMap<>();
  private FleetTopicReader reader;

  @BeforeEach
  void fleetTopicsWithOnePartitionEach() {
    for (TopicPartition partition : List.of(FLEET, DEPENDENCIES)) {
      consumer.updatePartitions(
          partition.topic(), List.of(new PartitionInfo(partition.topic(), 0, null, null, null)));
      consumer.updateBeginningOffsets(Map.of(partition, 0L));
      consumer.updateEndOffsets(Map.of(partition, 0L));
      written.put(partition, new ArrayList<>());
    }
    reader =
        new FleetTopicReader(consumer, new PrintStream(err, true, UTF_8), Duration.ofSeconds(5));
  }

  @Test
  void keepsTheLatestRecordPerKeyAndATombstoneRemovesTheKey() {
    write(FLEET, "w1", CODEC.encode(worker("w1", NOW.minusSeconds(5))));
    write(FLEET, "w2", CODEC.encode(worker("w2", NOW)));
    write(FLEET, "w1", CODEC.encode(worker("w1", NOW)));
    write(FLEET, "w2", null);
    write(DEPENDENCIES, "pay", CODEC.encode(dependency("pay", DependencyReport.OPEN)));
    write(DEPENDENCIES, "pay", CODEC.encode(dependency("pay", DependencyReport.CLOSED)));

    FleetState state = reader.read();

    assertThat(state.workers()).containsOnlyKeys("w1");
    assertThat(state.workers().get("w1").updatedAt()).isEqualTo(NOW);
    assertThat(state.dependencies().get("pay").state()).isEqualTo(DependencyReport.CLOSED);
    assertThat(err.toString(UTF_8)).isEmpty();
  }

  @Test
  void malformedAndForeignRecordsAreSkippedWithOneLineNamingTheirOffset() {
    write(FLEET, "junk", "not json".getBytes(UTF_8));
    write(FLEET, "w9", CODEC.encode(worker("w1", NOW)));
    write(FLEET, "w1", CODEC.encode(worker("w1", NOW)));
    write(DEPENDENCIES, null, CODEC.encode(dependency("pay", DependencyReport.OPEN)));

    FleetState state = reader.read();
    FleetState again = reader.read();

    assertThat(state.workers()).containsOnlyKeys("w1");
    assertThat(again.workers()).containsOnlyKeys("w1");
    assertThat(state.dependencies()).isEmpty();
    assertThat(err.toString(UTF_8).lines())
        .hasSize(3)
        .satisfiesExactly(
            line ->
                assertThat(line)
                    .startsWith(
                        "lanes: skipped record at offset 0 of lanes.fleet-0: not a worker report: malformed JSON"),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "lanes: skipped record at offset 1 of lanes.fleet-0: key 'w9' differs from its worker_id 'w1'"),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "lanes: skipped record at offset 0 of lanes.dependencies-0: the record has no key"));
  }

  @Test
  void aLaterReadContinuesWithWhatWasWrittenSince() {
    write(FLEET, "w1", CODEC.encode(worker("w1", NOW)));
    assertThat(reader.read().workers()).containsOnlyKeys("w1");

    write(FLEET, "w2", CODEC.encode(worker("w2", NOW)));

    assertThat(reader.read().workers()).containsOnlyKeys("w1", "w2");
  }

  @Test
  void aMissingFleetTopicIsNamed() {
    MockConsumer<byte[], byte[]> empty = new MockConsumer<>("earliest");
    FleetTopicReader noTopics =
        new FleetTopicReader(empty, new PrintStream(err, true, UTF_8), Duration.ofSeconds(5));

    assertThatThrownBy(noTopics::read).hasMessage("topic lanes.fleet does not exist");
  }

  /** Appends a record; the consumer returns it on its next poll after the read asks for the end. */
  private void write(TopicPartition partition, String key, byte[] value) {
    List<ConsumerRecord<byte[], byte[]>> records = written.get(partition);
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            partition.topic(),
            partition.partition(),
            records.size(),
            key == null ? null : key.getBytes(UTF_8),
            value);
    records.add(record);
    consumer.updateEndOffsets(Map.of(partition, (long) records.size()));
    consumer.schedulePollTask(
        () -> {
          if (consumer.assignment().contains(partition)) {
            consumer.addRecord(record);
          }
        });
  }

  private static WorkerReport worker(String id, Instant updatedAt) {
    return new WorkerReport(
        id, "pod", null, "1.0", NOW, updatedAt, Duration.ofSeconds(5), List.of(), List.of());
  }

  private static DependencyReport dependency(String name, String state) {
    return new DependencyReport(
        name,
        state,
        DependencyReport.OPEN.equals(state) ? NOW.plusSeconds(30) : null,
        "w1",
        "",
        NOW);
  }
}
