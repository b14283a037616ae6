package dev.lanes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.diagnostics.DiagnosticHandlers;
import dev.lanes.versions.FoundVersions;
import dev.lanes.versions.IncompatibleLibraryException;
import dev.lanes.versions.RequiredVersions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanesRuntimeTest {

  private final LaneConfig batch = LaneConfig.of("batch", "tasks.batch");

  @Test
  void buildNamesWhatIsMissing() {
    assertThatThrownBy(() -> LanesRuntime.builder().handlers(DiagnosticHandlers.registry()).build())
        .hasMessage("bootstrapServers must be set, was null");
    assertThatThrownBy(() -> LanesRuntime.builder().bootstrapServers("b:1").lane(batch).build())
        .hasMessage("handlers must be set");
    assertThatThrownBy(
            () ->
                LanesRuntime.builder()
                    .bootstrapServers("b:1")
                    .handlers(DiagnosticHandlers.registry())
                    .build())
        .hasMessage("at least one lane must be configured");
  }

  @Test
  void aLaneCanBeConfiguredOnce() {
    assertThatThrownBy(() -> LanesRuntime.builder().lane(batch).lane(batch))
        .hasMessage("lane batch is configured twice");
  }

  @Test
  void staticMembershipNeedsAWorkerIdGivenExplicitly() {
    assertThatThrownBy(() -> runtimeFor(batch).staticMembership(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("staticMembership needs an explicit workerId, was the default ");
  }

  @Test
  void aStaticWorkerIdKafkaWouldRefuseStopsTheBuildBeforeAnyConsumerIsMade() {
    assertThatThrownBy(() -> runtimeFor(batch).workerId("pod 0").staticMembership(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("worker id 'pod 0' is not allowed");
    assertThatThrownBy(
            () -> runtimeFor(batch).workerId("w".repeat(240)).staticMembership(true).build())
        .hasMessageContaining("is too long");
  }

  @Test
  void aDynamicWorkerMayHaveAnyWorkerId() {
    // Only static membership puts the id into Kafka; in headers any text is fine. (The build goes
    // on to make clients, which is not what this test is about.)
    runtimeFor(batch).workerId("pod 0").build().close();
  }

  private static LanesRuntime.Builder runtimeFor(LaneConfig lane) {
    return LanesRuntime.builder()
        .bootstrapServers("localhost:1")
        .handlers(DiagnosticHandlers.registry())
        .lane(lane);
  }

  @Test
  void aFleetIntervalShorterThanTheCoalescingWindowIsRefusedNamingIt() {
    assertThatThrownBy(() -> LanesRuntime.builder().fleetInterval(Duration.ofMillis(50)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fleetInterval must be >= 200 ms, was PT0.05S");
    assertThatThrownBy(() -> LanesRuntime.builder().fleetInterval(null))
        .hasMessage("fleetInterval must be >= 200 ms, was null");
  }

  @Test
  void autoCommitIsRefusedBeforeAnyConsumerIsMade() {
    assertThatThrownBy(
            () ->
                LanesRuntime.builder()
                    .bootstrapServers("b:1")
                    .handlers(DiagnosticHandlers.registry())
                    .lane(batch)
                    .consumerProperty("enable.auto.commit", true)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable.auto.commit must be false");
  }

  @Test
  void buildRefusesALibraryOlderThanLanesNeedsNamingItAndBothVersions() {
    Map<String, String> found = new HashMap<>(FoundVersions.onClasspath());
    found.put(RequiredVersions.MICROMETER_CORE, "1.13.6");

    assertThatThrownBy(
            () ->
                LanesRuntime.builder()
                    .bootstrapServers("b:1")
                    .handlers(DiagnosticHandlers.registry())
                    .lane(batch)
                    .foundVersions(() -> found)
                    .build())
        .isInstanceOf(IncompatibleLibraryException.class)
        .hasMessageStartingWith(
            "micrometer-core 1.13.6 is on the classpath, Lanes needs 1.14.0 or newer");
  }
}
