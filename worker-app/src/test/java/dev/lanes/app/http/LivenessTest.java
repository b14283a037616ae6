package dev.lanes.app.http;

import static dev.lanes.app.http.HealthFixtures.inState;
import static dev.lanes.app.http.HealthFixtures.lanes;
import static dev.lanes.app.http.HealthFixtures.polledAgo;
import static dev.lanes.app.http.HealthFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LaneState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LivenessTest {

  private static final Duration THRESHOLD = Duration.ofSeconds(5);

  @Test
  void aLaneThatPolledExactlyAtTheThresholdIsStillAlive() {
    assertThat(Liveness.evaluate(lanes(polledAgo("batch", 5_000)), THRESHOLD).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(Liveness.evaluate(lanes(polledAgo("batch", 5_001)), THRESHOLD).status())
        .isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aLaneDrainingForAStopIsAlive() {
    assertThat(Liveness.evaluate(lanes(inState("batch", LaneState.STOPPING)), THRESHOLD).status())
        .isEqualTo(HealthStatus.UP);
  }

  @Test
  void oneDeadLaneMakesTheProcessDownWhateverTheOthersDo() {
    for (LaneState dead : new LaneState[] {LaneState.FAILED, LaneState.STOPPED}) {
      assertThat(
              Liveness.evaluate(lanes(running("realtime"), inState("batch", dead)), THRESHOLD)
                  .status())
          .as("lane %s", dead)
          .isEqualTo(HealthStatus.DOWN);
    }
  }
}
