package dev.lanes.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetCodecTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private final FleetCodec codec = new FleetCodec();

  @Test
  void aWorkerReportReadsBackAsWritten() {
    WorkerReport report =
        new WorkerReport(
            "worker-1",
            "pod-1",
            "zone-a",
            "1.0.0",
            START,
            START.plusSeconds(30),
            Duration.ofSeconds(5),
            List.of(
                new WorkerReport.LaneReport(
                    "realtime",
                    "lanes.realtime",
                    List.of("tasks.realtime-0", "tasks.realtime.retry.1-0"),
                    3,
                    40,
                    10,
                    12.5,
                    List.of(
                        WorkerReport.PausedPartition.onDependency("tasks.realtime-0", "payments"),
                        new WorkerReport.PausedPartition(
                            "tasks.realtime.retry.1-0",
                            WorkerReport.PausedPartition.RETRY_DUE,
                            null)))),
            List.of(
                new WorkerReport.DependencyView(
                    "payments", "OPEN", START.plusSeconds(20), 1, true)));

    WorkerReport read = codec.decodeWorker(codec.encode(report));

    assertThat(read).isEqualTo(report);
    assertThat(read.waitsOn("payments")).isTrue();
    assertThat(read.waitsOn("search")).isFalse();
  }

  @Test
  void aReportIsLiveForThreeIntervals() {
    WorkerReport report =
        new WorkerReport(
            "w", "h", null, "1", START, START, Duration.ofSeconds(5), List.of(), List.of());

    assertThat(report.isLive(START.plusSeconds(15))).isTrue();
    assertThat(report.isLive(START.plusSeconds(15).plusMillis(1))).isFalse();
  }

  @Test
  void aDependencyReportReadsBackAsWritten() {
    DependencyReport open =
        new DependencyReport(
            "payments", DependencyReport.OPEN, START.plusSeconds(10), "w1", "HTTP 500", START);
    DependencyReport closed =
        new DependencyReport("payments", DependencyReport.CLOSED, null, "w2", "probe ok", START);

    assertThat(codec.decodeDependency(codec.encode(open))).isEqualTo(open);
    assertThat(codec.decodeDependency(codec.encode(closed))).isEqualTo(closed);
  }

  @Test
  void foreignOrMalformedRecordsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> codec.decodeWorker(bytes("{not json")))
        .isInstanceOf(FleetRecordException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> codec.decodeWorker(bytes("{\"worker_id\":\"w\"}")))
        .isInstanceOf(FleetRecordException.class)
        .hasMessageContaining("'host'");
    assertThatThrownBy(() -> codec.decodeDependency(bytes("[1,2]")))
        .isInstanceOf(FleetRecordException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(
            () ->
                codec.decodeDependency(
                    bytes(
                        "{\"dependency\":\"p\",\"state\":\"MAYBE\",\"by\":\"w\","
                            + "\"at\":\"2026-12-01T10:00:00Z\"}")))
        .isInstanceOf(FleetRecordException.class)
        .hasMessageContaining("MAYBE");
    assertThatThrownBy(() -> codec.decodeDependency(null))
        .isInstanceOf(FleetRecordException.class)
        .hasMessageContaining("tombstone");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
